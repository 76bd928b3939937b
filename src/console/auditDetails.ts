import type { AuditRow } from '../data/audit.ts';
import { FIELD_LABEL } from '../roster/rosterRow.ts';
import { isTextCode, textOf } from '../web/texts.ts';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Roster field names (name, idType, …) in Chinese. */
const fieldLabels = (fields: string[]) =>
  fields.map((f) => (Object.hasOwn(FIELD_LABEL, f) ? textOf(FIELD_LABEL[f as keyof typeof FIELD_LABEL]) : f)).join('、');

/** Which identity fields differed; candidateNo alone means the number is not on the roster at all. */
function mismatchDetail(fields: string[]): string | undefined {
  if (fields.length === 0) return undefined;
  if (fields.includes('candidateNo')) return textOf('DETAIL_CANDIDATE_NO_UNKNOWN');
  return textOf('DETAIL_MISMATCH', { fields: fieldLabels(fields) });
}

/**
 * What staff learn from a row beyond the message the candidate saw: which application, which identity
 * field differed (the candidate only ever sees the generic message), where a single logout went.
 */
export function detailsOf(row: AuditRow, params: Record<string, unknown>): string[] {
  const details: (string | undefined)[] = [];
  if (typeof params.service === 'string' && params.service) details.push(textOf('DETAIL_SERVICE', { service: params.service }));
  details.push(mismatchDetail(strings(params.mismatch)));
  if (row.event === 'SLO_DELIVERY' && typeof params.url === 'string') {
    details.push(textOf('DETAIL_SLO', { url: params.url, status: String(params.status ?? '') }));
  }
  const faultName = `FAULT_NAME_${String(params.kind)}`;
  if ((row.event === 'FAULT_ON' || row.event === 'FAULT_OFF') && isTextCode(faultName)) {
    details.push(textOf(faultName));
    if (typeof params.target === 'string' && params.target) details.push(textOf('DETAIL_FAULT_TARGET', { target: params.target }));
  }
  const role = `ROLE_${String(params.role)}`;
  if (isTextCode(role)) details.push(textOf('DETAIL_ROLE', { role: textOf(role) }));
  if (row.event === 'CANDIDATE_UPDATED' && typeof params.fields === 'string') details.push(textOf('DETAIL_FIELDS', { fields: fieldLabels(params.fields.split(',')) }));
  if (typeof params.masked === 'string' && row.outcome === 'ok') details.push(textOf('DETAIL_TARGET', { target: params.masked }));
  return details.filter((d): d is string => d !== undefined);
}
