import { checkCandidateNo } from '../../rules/candidateNo.ts';
import { checkIdNumber, ID_TYPES, isIdType, type IdType } from '../../rules/idDocuments.ts';
import { namesMatch, normalizeName } from '../../rules/text.ts';
import { formString, type FieldErrors } from '../../web/forms.ts';
import { textOf } from '../../web/texts.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditActivation, type ActivationContext, type ActivationState, type ActivationStep } from './state.ts';

interface IdentityInput {
  candidateNo: string;
  name: string;
  idType: IdType;
  idNumber: string;
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
  if (Object.keys(errors).length > 0 || !candidateNo.ok) return { ok: false as const, errors };
  return { ok: true as const, input: { candidateNo: candidateNo.value, name, idType: idType as IdType, idNumber } };
}

function refuse(ctx: ActivationContext, input: IdentityInput, code: 'IDENTITY_LOCKED' | 'IDENTITY_SESSION_LIMIT' | 'IDENTITY_IP_LIMIT', minutes?: number): StepResult<ActivationState> {
  auditActivation(ctx, ctx.event, 'error', { code, candidateNo: input.candidateNo, params: minutes ? { minutes } : undefined });
  return { kind: 'invalid', status: 429, errors: { _form: { code, params: { minutes } } } };
}

/** Counts a mismatch against the session, the IP and the candidate number; locks the number past its limit. */
function recordMismatch(ctx: ActivationContext, input: IdentityInput, candidateId: number | null): StepResult<ActivationState> {
  const { store, config } = ctx.services;
  const { limits } = config;
  const failures = store.throttle.recordFailure('identity', input.candidateNo, ctx.now, limits.identityFailureWindowMs);
  store.throttle.recordFailure('identity-ip', ctx.ip, ctx.now, limits.identityFailureWindowMs);
  // Counted by session id, not in the wizard state, so starting the wizard over does not reset it.
  store.throttle.recordFailure('identity-session', ctx.sessionId, ctx.now, limits.identityFailureWindowMs);
  auditActivation(ctx, ctx.event, 'error', { code: 'IDENTITY_MISMATCH', candidateNo: input.candidateNo, candidateId });
  if (failures >= limits.identityMaxFailuresPerCandidate) {
    store.throttle.lock('identity', input.candidateNo, ctx.now + limits.identityLockMs);
    const minutes = Math.ceil(limits.identityLockMs / 60000);
    auditActivation(ctx, 'IDENTITY_LOCKED', 'error', { code: 'IDENTITY_LOCKED', candidateNo: input.candidateNo, candidateId, params: { minutes } });
    return { kind: 'invalid', status: 429, errors: { _form: { code: 'IDENTITY_LOCKED', params: { minutes } } } };
  }
  return { kind: 'invalid', errors: { _form: { code: 'IDENTITY_MISMATCH' } } };
}

/** 身份校验: 考生号, 姓名, 证件类型, 证件号码 against the roster. */
export const identity: ActivationStep<IdentityInput> = {
  id: 'identity',
  view: 'activation/identity',
  isDone: (s) => s.candidateId !== undefined,
  viewData: (ctx) => ({
    idTypes: ID_TYPES.map((value) => ({ value, label: textOf(`ID_TYPE_${value}`) })),
    university: ctx.services.config.university,
  }),
  parse: parseIdentity,
  submit(ctx, input) {
    const { store, config } = ctx.services;
    const { limits } = config;
    const lockedUntil = store.throttle.lockedUntil('identity', input.candidateNo, ctx.now);
    if (lockedUntil) return refuse(ctx, input, 'IDENTITY_LOCKED', Math.ceil((lockedUntil - ctx.now) / 60000));
    const since = ctx.now - limits.identityFailureWindowMs;
    if (store.throttle.failuresSince('identity-session', ctx.sessionId, since) >= limits.identityMaxFailuresPerSession) {
      return refuse(ctx, input, 'IDENTITY_SESSION_LIMIT');
    }
    if (store.throttle.failuresSince('identity-ip', ctx.ip, since) >= limits.identityMaxFailuresPerIp) {
      return refuse(ctx, input, 'IDENTITY_IP_LIMIT');
    }

    const candidate = store.candidates.findByCandidateNo(input.candidateNo);
    // One answer for every mismatch, so the roster cannot be probed field by field.
    const matches = candidate !== undefined && namesMatch(candidate.name, input.name)
      && candidate.id_type === input.idType && candidate.id_number.toUpperCase() === input.idNumber;
    if (!candidate || !matches) return recordMismatch(ctx, input, candidate?.id ?? null);

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
    store.throttle.clearFailures('identity', input.candidateNo);
    auditActivation(ctx, ctx.event, 'ok', audit);
    // A new identity in this session: a fresh session id, so a planted id cannot ride along.
    return { kind: 'next', patch: { candidateId: candidate.id }, regenerateSession: true };
  },
};
