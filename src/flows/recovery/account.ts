import { minutesUntil } from '../../rules/beijingTime.ts';
import { normalizeInput } from '../../rules/text.ts';
import { formString, type FieldErrors } from '../../web/forms.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditRecovery, type RecoveryState, type RecoveryStep } from './state.ts';

interface AccountInput {
  username: string;
  captcha: string;
  captchaId: string;
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
    if (ctx.services.captchaEnabled() && captcha.trim() === '') errors.captcha = { code: 'GRAPHIC_CAPTCHA_REQUIRED' };
    if (Object.keys(errors).length) return { ok: false, errors };
    return { ok: true, input: { username, captcha, captchaId: formString(form, 'captchaId', 40) } };
  },
  submit(ctx, input) {
    const { store, limiter, captchas } = ctx.services;
    // Counted per session id, not in the wizard state: submitting this first page starts the state afresh.
    const admission = limiter.admit('recoveryAccount', { subject: input.username, address: ctx.ip, session: ctx.sessionId });
    if (!admission.ok) {
      auditRecovery(ctx, ctx.event, 'error', { code: 'IDENTITY_SESSION_LIMIT', candidateNo: input.username });
      return { kind: 'invalid', status: 429, errors: { _form: { code: 'IDENTITY_SESSION_LIMIT' } } };
    }
    const fail = (code: 'GRAPHIC_CAPTCHA_INCORRECT' | 'RECOVERY_ACCOUNT_UNKNOWN', field: string): StepResult<RecoveryState> => {
      admission.slot.fail();
      auditRecovery(ctx, ctx.event, 'error', { code, candidateNo: input.username });
      return { kind: 'invalid', errors: { [field]: { code } } };
    };
    // A busy address is challenged by the captcha every look-up carries, never refused: an exam hall shares one.
    if (ctx.services.captchaEnabled() && !captchas.check(input.captchaId, input.captcha).ok) return fail('GRAPHIC_CAPTCHA_INCORRECT', 'captcha');
    const candidate = store.candidates.findByCandidateNo(input.username);
    // One answer for unknown and not yet activated accounts: the login page says no more than this either.
    if (!candidate || candidate.status !== 'active') return fail('RECOVERY_ACCOUNT_UNKNOWN', '_form');
    admission.slot.succeed();
    const lockedUntil = limiter.lockedUntil('recoveryContact', candidate.candidate_no, ctx.ip);
    if (lockedUntil !== undefined) {
      const minutes = minutesUntil(lockedUntil, ctx.now);
      auditRecovery(ctx, ctx.event, 'error', { code: 'RECOVERY_LOCKED', candidateId: candidate.id, candidateNo: candidate.candidate_no, params: { minutes } });
      return { kind: 'invalid', status: 429, errors: { _form: { code: 'RECOVERY_LOCKED', params: { minutes } } } };
    }
    auditRecovery(ctx, ctx.event, 'ok', { candidateId: candidate.id, candidateNo: candidate.candidate_no });
    // A new identity in this session: a fresh session id, so a planted one cannot ride along.
    return { kind: 'next', patch: { candidateId: candidate.id }, regenerateSession: true };
  },
};
