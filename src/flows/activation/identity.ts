import type { CandidateRow } from '../../data/candidates.ts';
import { formatBeijingTime } from '../../rules/beijingTime.ts';
import { checkCandidateNo } from '../../rules/candidateNo.ts';
import { checkIdNumber, ID_TYPES, isIdType, type IdType } from '../../rules/idDocuments.ts';
import { namesMatch, normalizeName } from '../../rules/text.ts';
import { formString, type FieldErrors } from '../../web/forms.ts';
import { captchaOfForm, graphicCaptchaError } from '../../web/captcha.ts';
import type { Refusal } from '../../web/limiter.ts';
import { textOf } from '../../web/texts.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditActivation, type ActivationContext, type ActivationState, type ActivationStep } from './state.ts';

interface IdentityInput {
  candidateNo: string;
  name: string;
  idType: IdType;
  idNumber: string;
  /** The real app's graphic captcha, asked for on every identity check. */
  captcha: string;
  captchaId: string;
}

const NAME_MAX_LENGTH = 50;

function parseIdentity(form: Record<string, unknown>, ctx: ActivationContext) {
  const errors: FieldErrors = {};
  const { institutionCode } = ctx.services.config.university;
  const candidateNo = checkCandidateNo(formString(form, 'candidateNo'), institutionCode);
  if (!candidateNo.ok) errors.candidateNo = { code: candidateNo.code, params: { institutionCode } };
  const name = normalizeName(formString(form, 'name'));
  if (name === '') errors.name = { code: 'NAME_REQUIRED' };
  else if ([...name].length > NAME_MAX_LENGTH) errors.name = { code: 'NAME_TOO_LONG' };
  const idType = formString(form, 'idType');
  let idNumber = '';
  if (!isIdType(idType)) errors.idType = { code: 'ID_TYPE_REQUIRED' };
  else {
    const checked = checkIdNumber(idType, formString(form, 'idNumber'), new Date(ctx.now));
    if (checked.ok) idNumber = checked.value;
    else errors.idNumber = { code: checked.code, params: { idTypeHint: textOf(`ID_HINT_${idType}`) } };
  }
  const captcha = captchaOfForm(form);
  if (ctx.services.captchaEnabled() && captcha.captcha.trim() === '') errors.captcha = { code: 'GRAPHIC_CAPTCHA_REQUIRED' };
  if (Object.keys(errors).length > 0 || !candidateNo.ok) return { ok: false as const, errors };
  return { ok: true as const, input: { candidateNo: candidateNo.value, name, idType: idType as IdType, idNumber, ...captcha } };
}

/** The limiter's refusal as the page shows it; a lock names its end and the help desk. */
function refuse(ctx: ActivationContext, input: IdentityInput, refusal: Refusal): StepResult<ActivationState> {
  if (refusal.reason === 'captcha') {
    auditActivation(ctx, ctx.event, 'error', { code: refusal.code, candidateNo: input.candidateNo });
    return { kind: 'invalid', errors: { captcha: { code: refusal.code } } };
  }
  if (refusal.reason === 'session') {
    auditActivation(ctx, ctx.event, 'error', { code: 'IDENTITY_SESSION_LIMIT', candidateNo: input.candidateNo });
    return { kind: 'invalid', status: 429, errors: { _form: { code: 'IDENTITY_SESSION_LIMIT' } } };
  }
  if (refusal.reason === 'busy') return { kind: 'invalid', status: 429, errors: { _form: { code: 'RATE_LIMITED' } } };
  return lockedAnswer(ctx, input, refusal.until, refusal.lockedNow);
}

function lockedAnswer(ctx: ActivationContext, input: IdentityInput, until: number, lockedNow: boolean, candidateId?: number | null): StepResult<ActivationState> {
  const params = { until: formatBeijingTime(until), helpdeskPhone: ctx.services.config.university.helpdeskPhone };
  auditActivation(ctx, lockedNow ? 'IDENTITY_LOCKED' : ctx.event, 'error', { code: 'IDENTITY_LOCKED', candidateNo: input.candidateNo, candidateId, params });
  return { kind: 'invalid', status: 429, errors: { _form: { code: 'IDENTITY_LOCKED', params } } };
}

/** Which typed fields differ from the roster: for the audit log and the help desk only, never for the page. */
function mismatchedFields(candidate: CandidateRow | undefined, input: IdentityInput): string[] {
  if (!candidate) return ['candidateNo'];
  return [
    ...(namesMatch(candidate.name, input.name) ? [] : ['name']),
    ...(candidate.id_type === input.idType ? [] : ['idType']),
    ...(candidate.id_number.toUpperCase() === input.idNumber ? [] : ['idNumber']),
  ];
}

/** 身份校验: 考生号, 姓名, 证件类型, 证件号码 against the roster. */
export const identity: ActivationStep<IdentityInput> = {
  id: 'identity',
  view: 'activation/identity',
  isDone: (s) => s.candidateId !== undefined,
  secretFields: ['captcha'],
  viewData: (ctx) => ({
    idTypes: ID_TYPES.map((value) => ({ value, label: textOf(`ID_TYPE_${value}`) })),
    university: ctx.services.config.university,
    showCaptcha: ctx.services.captchaEnabled(),
    captchaId: ctx.services.captchas.newId(),
  }),
  parse: parseIdentity,
  submit(ctx, input) {
    const { store, config, limiter, captchas } = ctx.services;
    // A wrong picture is no guess at anyone's identity: refused before the limiter counts anything.
    const captchaError = graphicCaptchaError(captchas, ctx.services.captchaEnabled(), input);
    if (captchaError) {
      auditActivation(ctx, ctx.event, 'error', { code: captchaError.code, candidateNo: input.candidateNo });
      return { kind: 'invalid', errors: { captcha: captchaError } };
    }
    // The check takes its place in the count before anything else, so racing submissions cannot outrun the limits;
    // a captcha the limiter demands of a busy address is the one just solved.
    const admission = limiter.admit('identity', {
      subject: input.candidateNo, address: ctx.ip, session: ctx.sessionId, captcha: () => ({ ok: true }),
    });
    if (!admission.ok) return refuse(ctx, input, admission);

    const candidate = store.candidates.findByCandidateNo(input.candidateNo);
    const mismatch = mismatchedFields(candidate, input);
    if (!candidate || mismatch.length > 0) {
      const failed = admission.slot.fail();
      // One answer for every mismatch, so the roster cannot be probed field by field; the audit keeps which.
      auditActivation(ctx, ctx.event, 'error', { code: 'IDENTITY_MISMATCH', candidateNo: input.candidateNo, candidateId: candidate?.id ?? null, params: { mismatch } });
      if (failed.lockedUntil !== undefined) return lockedAnswer(ctx, input, failed.lockedUntil, failed.lockedNow, candidate?.id ?? null);
      return { kind: 'invalid', errors: { _form: { code: 'IDENTITY_MISMATCH' } } };
    }
    const accepted = admission.slot.succeed();
    if (!accepted.ok) return lockedAnswer(ctx, input, accepted.until, false, candidate.id);

    const audit = { candidateId: candidate.id, candidateNo: candidate.candidate_no };
    if (candidate.account_type !== 'candidate') {
      const params = { university: config.university.name };
      auditActivation(ctx, ctx.event, 'error', { code: 'NOT_A_CANDIDATE', params, ...audit });
      return { kind: 'invalid', errors: { _form: { code: 'NOT_A_CANDIDATE', params } } };
    }
    if (candidate.status === 'active') {
      auditActivation(ctx, ctx.event, 'error', { code: 'ALREADY_ACTIVATED', ...audit });
      return { kind: 'invalid', errors: { _form: { code: 'ALREADY_ACTIVATED' } } };
    }
    auditActivation(ctx, ctx.event, 'ok', audit);
    // A new identity in this session: a fresh session id, so a planted id cannot ride along.
    return { kind: 'next', patch: { candidateId: candidate.id }, regenerateSession: true };
  },
};
