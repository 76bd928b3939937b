import { normalizeInput } from '../../rules/text.ts';
import { formString, type FieldErrors } from '../../web/forms.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditRecovery, type RecoveryContext, type RecoveryState, type RecoveryStep } from './state.ts';

interface AccountInput {
  username: string;
  captcha: string;
  captchaId: string;
}

function refuse(ctx: RecoveryContext, username: string, code: 'RECOVERY_IP_LIMIT' | 'IDENTITY_SESSION_LIMIT' | 'RECOVERY_LOCKED', minutes?: number): StepResult<RecoveryState> {
  auditRecovery(ctx, ctx.event, 'error', { code, candidateNo: username, params: minutes ? { minutes } : undefined });
  return { kind: 'invalid', status: 429, errors: { _form: { code, params: { minutes } } } };
}

/** 确认账号: the account name and an image captcha, as the real checkUserInfo asks. */
export const account: RecoveryStep<AccountInput> = {
  id: '',
  view: 'recovery/account',
  isDone: (s) => s.candidateId !== undefined,
  viewData: (ctx) => ({ captchaEnabled: ctx.services.captchaEnabled(), captchaId: ctx.services.captchas.newId() }),
  parse(form, ctx) {
    const username = normalizeInput(formString(form, 'username', 100));
    const captcha = formString(form, 'captcha', 10);
    const errors: FieldErrors = {};
    if (username === '') errors.username = { code: 'ACCOUNT_REQUIRED' };
    if (ctx.services.captchaEnabled() && captcha.trim() === '') errors.captcha = { code: 'CAPTCHA_REQUIRED' };
    if (Object.keys(errors).length) return { ok: false, errors };
    return { ok: true, input: { username, captcha, captchaId: formString(form, 'captchaId', 40) } };
  },
  submit(ctx, input) {
    const { store, config, captchas } = ctx.services;
    const { limits } = config;
    const since = ctx.now - limits.identityFailureWindowMs;
    if (store.throttle.failuresSince('recovery-ip', ctx.ip, since) >= limits.identityMaxFailuresPerIp) return refuse(ctx, input.username, 'RECOVERY_IP_LIMIT');
    if ((ctx.state.accountFailures ?? 0) >= limits.identityMaxFailuresPerSession) return refuse(ctx, input.username, 'IDENTITY_SESSION_LIMIT');
    const fail = (code: 'CAPTCHA_MISMATCH' | 'RECOVERY_ACCOUNT_UNKNOWN', field: string): StepResult<RecoveryState> => {
      store.throttle.recordFailure('recovery-ip', ctx.ip, ctx.now, limits.identityFailureWindowMs);
      auditRecovery(ctx, ctx.event, 'error', { code, candidateNo: input.username });
      return { kind: 'invalid', patch: { accountFailures: (ctx.state.accountFailures ?? 0) + 1 }, errors: { [field]: { code } } };
    };
    if (ctx.services.captchaEnabled() && !captchas.check(input.captchaId, input.captcha).ok) return fail('CAPTCHA_MISMATCH', 'captcha');
    const candidate = store.candidates.findByCandidateNo(input.username);
    // One answer for unknown and not yet activated accounts: the login page says no more than this either.
    if (!candidate || candidate.status !== 'active') return fail('RECOVERY_ACCOUNT_UNKNOWN', '_form');
    const lockedUntil = store.throttle.lockedUntil('recovery', candidate.candidate_no, ctx.now);
    if (lockedUntil) return refuse(ctx, input.username, 'RECOVERY_LOCKED', Math.ceil((lockedUntil - ctx.now) / 60000));
    auditRecovery(ctx, ctx.event, 'ok', { candidateId: candidate.id, candidateNo: candidate.candidate_no });
    // A new identity in this session: a fresh session id, so a planted one cannot ride along.
    return { kind: 'next', patch: { candidateId: candidate.id, accountFailures: 0 }, regenerateSession: true };
  },
};
