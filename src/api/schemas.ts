import { z } from 'zod';
import { checkCandidateNo } from '../rules/candidateNo.ts';
import { checkIdNumber, ID_TYPES } from '../rules/idDocuments.ts';
import { normalizeName } from '../rules/text.ts';
import { PortalError } from '../web/errors.ts';
import { textOfStored } from '../web/texts.ts';

/** POST /api/v1/candidates: formats are checked with the same rules as the identity page. */
export function newCandidateSchema(institutionCode: string, today: () => Date) {
  return z
    .object({
      candidateNo: z.string().max(50),
      name: z.string().max(50).transform(normalizeName).pipe(z.string().min(1)),
      idType: z.enum(ID_TYPES),
      idNumber: z.string().max(50),
      department: z.string().max(100).nullish(),
      major: z.string().max(100).nullish(),
    })
    .strict()
    .transform((c, ctx) => {
      const no = checkCandidateNo(c.candidateNo, institutionCode);
      if (!no.ok) ctx.addIssue({ code: 'custom', path: ['candidateNo'], message: no.code });
      const id = checkIdNumber(c.idType, c.idNumber, today());
      if (!id.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: id.code });
      if (!no.ok || !id.ok) return z.NEVER;
      return { ...c, candidateNo: no.value, idNumber: id.value };
    });
}

/** Parses a JSON body or throws VALIDATION_FAILED with one entry per bad field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, params: Record<string, string> = {}): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, { code: string; message: string }> = {};
  for (const issue of result.error.issues) {
    // An unknown field is reported under its own name, so the client sees which one to drop.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= { code: 'UNKNOWN_FIELD', message: `unknown field "${key}"` };
      continue;
    }
    const field = issue.path.join('.') || '_body';
    if (fields[field]) continue;
    const code = issue.code === 'custom' ? issue.message : 'INVALID';
    fields[field] = { code, message: issue.code === 'custom' ? textOfStored(code, params) : issue.message };
  }
  throw new PortalError('VALIDATION_FAILED', { status: 400, fields });
}
