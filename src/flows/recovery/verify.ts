import type { CandidateRow } from '../../data/candidates.ts';
import { minutesUntil } from '../../rules/beijingTime.ts';
import { checkCode } from '../../rules/codes.ts';
import { checkEmail, maskEmail } from '../../rules/email.ts';
import { checkPhone, maskPhone } from '../../rules/phone.ts';
import { captchaOfForm, graphicCaptchaError } from '../../web/captcha.ts';
import { formString, type FieldErrors, type Form, type Parsed } from '../../web/forms.ts';
import type { TextCode } from '../../web/texts.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditRecovery, candidateOf, type RecoveryContext, type RecoveryMethod, type RecoveryState, type RecoveryStep } from './state.ts';

interface ContactInput {
  method: RecoveryMethod;
  contact: string;
}

const channelOf = (method: RecoveryMethod) => (method === 'cellphone' ? 'sms' : 'email') as 'sms' | 'email';
const boundOf = (c: CandidateRow, method: RecoveryMethod) => (method === 'cellphone' ? c.phone : c.email) ?? '';

/** The full phone or address re-typed by the user must be the bound one, as on the real portal. */
function matchesBound(c: CandidateRow, method: RecoveryMethod, typed: string): boolean {
  if (method === 'cellphone') {
    const phone = checkPhone(typed);
    return phone.ok && phone.value === c.phone;
  }
  const email = checkEmail(typed);
  return email.ok && c.email !== null && email.value.toLowerCase() === c.email.toLowerCase();
}

function parseContact(form: Form): Parsed<ContactInput> {
  const method = formString(form, 'method');
  const contact = formString(form, 'contact', 254);
  const errors: FieldErrors = {};
  if (method !== 'cellphone' && method !== 'email') errors.method = { code: 'METHOD_REQUIRED' };
  if (contact.trim() === '') errors.contact = { code: method === 'email' ? 'EMAIL_REQUIRED' : 'PHONE_REQUIRED' };
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { method: method as RecoveryMethod, contact } };
}

function lockedAnswer(ctx: RecoveryContext, until: number): StepResult<RecoveryState> {
  const minutes = minutesUntil(until, ctx.now);
  auditRecovery(ctx, ctx.event, 'error', { code: 'RECOVERY_LOCKED', params: { minutes } });
  return { kind: 'invalid', status: 429, errors: { _form: { code: 'RECOVERY_LOCKED', params: { minutes } } } };
}

/** Refuses while the account is locked from here; otherwise checks the re-typed contact and counts a mismatch. */
function checkContact(ctx: RecoveryContext, input: ContactInput): StepResult<RecoveryState> | undefined {
  const c = candidateOf(ctx);
  const admission = ctx.services.limiter.admit('recoveryContact', { subject: c.candidate_no, address: ctx.ip });
  if (!admission.ok) return lockedAnswer(ctx, admission.reason === 'locked' ? admission.until : ctx.now);
  if (matchesBound(c, input.method, input.contact)) {
    const accepted = admission.slot.succeed();
    return accepted.ok ? undefined : lockedAnswer(ctx, accepted.until);
  }
  const failed = admission.slot.fail();
  if (failed.lockedUntil !== undefined) return lockedAnswer(ctx, failed.lockedUntil);
  const code: TextCode = input.method === 'cellphone' ? 'CONTACT_MISMATCH_cellphone' : 'CONTACT_MISMATCH_email';
  auditRecovery(ctx, ctx.event, 'error', { code });
  return { kind: 'invalid', errors: { contact: { code } } };
}

/** 安全验证: choose the bound phone or email (shown masked), re-type it in full, and enter the code sent to it. */
export const verify: RecoveryStep<ContactInput & { code: string }> = {
  id: 'verify',
  view: 'recovery/verify',
  isDone: (s) => s.verified === true,
  viewData(ctx) {
    const c = candidateOf(ctx);
    // Staff may have unbound one of the two: offer only what is still bound.
    const methods = [
      ...(c.phone ? [{ value: 'cellphone', masked: maskPhone(c.phone) }] : []),
      ...(c.email ? [{ value: 'email', masked: maskEmail(c.email) }] : []),
    ];
    const method = ctx.state.method ?? (c.phone ? 'cellphone' : 'email');
    const cooldown = ctx.services.codes.cooldownSecondsLeft({ candidateId: c.id, channel: channelOf(method), purpose: 'recovery', target: boundOf(c, method) });
    return {
      method,
      cooldown: ctx.state.method ? cooldown : 0,
      methods,
      helpdeskPhone: ctx.services.config.university.helpdeskPhone,
      showCaptcha: ctx.services.captchaEnabled(),
      captchaId: ctx.services.captchas.newId(),
    };
  },
  parse(form) {
    const contact = parseContact(form);
    const code = checkCode(formString(form, 'code'));
    if (!contact.ok || !code.ok) {
      return { ok: false, errors: { ...(contact.ok ? {} : contact.errors), ...(code.ok ? {} : { code: { code: code.code } }) } };
    }
    return { ok: true, input: { ...contact.input, code: code.value } };
  },
  submit(ctx, input) {
    const refused = checkContact(ctx, input);
    if (refused) return refused;
    const c = candidateOf(ctx);
    const verdict = ctx.services.codes.verify(
      { candidateId: c.id, channel: channelOf(input.method), purpose: 'recovery', target: boundOf(c, input.method) },
      input.code,
    );
    if (!verdict.ok) {
      auditRecovery(ctx, ctx.event, 'error', { code: verdict.code });
      return { kind: 'invalid', patch: { method: input.method }, errors: { code: { code: verdict.code, params: verdict.params } } };
    }
    auditRecovery(ctx, ctx.event, 'ok', { params: { method: input.method } });
    return { kind: 'next', patch: { method: input.method, verified: true } };
  },
  actions: {
    // Every code needs a new graphic captcha, solved before the re-typed contact is even looked at.
    code: {
      parse(form, ctx) {
        const contact = parseContact(form);
        const captcha = captchaOfForm(form);
        const captchaMissing = ctx.services.captchaEnabled() && captcha.captcha.trim() === '';
        if (!contact.ok || captchaMissing) {
          return { ok: false, errors: { ...(contact.ok ? {} : contact.errors), ...(captchaMissing ? { captcha: { code: 'GRAPHIC_CAPTCHA_REQUIRED' } } : {}) } };
        }
        return { ok: true, input: { ...contact.input, ...captcha } };
      },
      async run(ctx, input: ContactInput & { captcha: string; captchaId: string }) {
        const captchaError = graphicCaptchaError(ctx.services.captchas, ctx.services.captchaEnabled(), input);
        if (captchaError) {
          auditRecovery(ctx, ctx.event, 'error', { code: captchaError.code });
          return { kind: 'invalid', patch: { method: input.method }, errors: { captcha: captchaError } };
        }
        const refused = checkContact(ctx, input);
        if (refused) return { ...refused, patch: { method: input.method } };
        const c = candidateOf(ctx);
        const target = boundOf(c, input.method);
        const verdict = await ctx.services.codes.issue({ candidateId: c.id, candidateName: c.name, channel: channelOf(input.method), purpose: 'recovery', target });
        if (!verdict.ok) {
          auditRecovery(ctx, ctx.event, 'error', { code: verdict.code, params: verdict.params });
          const status = verdict.code === 'CODE_DELIVERY_FAILED' ? 502 : 429;
          // A cap of the bound phone or address is shown under it; a wait or a failed delivery beside the send button.
          const field = verdict.code === 'CODE_HOURLY_LIMIT' || verdict.code === 'CODE_DAILY_LIMIT' ? 'contact' : 'code';
          return { kind: 'invalid', status, patch: { method: input.method }, errors: { [field]: { code: verdict.code, params: verdict.params } } };
        }
        const masked = input.method === 'cellphone' ? maskPhone(target) : maskEmail(target);
        auditRecovery(ctx, ctx.event, 'ok', { params: { method: input.method, masked } });
        const minutes = Math.round(ctx.services.config.limits.codeTtlMs / 60000);
        return { kind: 'stay', patch: { method: input.method }, notice: { code: input.method === 'cellphone' ? 'SMS_CODE_SENT' : 'EMAIL_CODE_SENT', params: { masked, minutes } } };
      },
    },
  },
};
