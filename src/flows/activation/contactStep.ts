import { minutesUntil } from '../../rules/beijingTime.ts';
import { checkCode } from '../../rules/codes.ts';
import type { Channel } from '../../data/challenges.ts';
import { captchaOfForm, graphicCaptchaError } from '../../web/captcha.ts';
import { formString, type FieldErrors } from '../../web/forms.ts';
import type { TextCode } from '../../web/texts.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditActivation, type ActivationContext, type ActivationState, type ActivationStep } from './state.ts';

type Check = { ok: true; value: string } | { ok: false; code: string };

const CAPS_OF_TARGET: ReadonlySet<string> = new Set(['CODE_HOURLY_LIMIT', 'CODE_DAILY_LIMIT']);

/** What differs between 绑定手机 and 绑定邮箱; everything else is the same code-then-bind step. */
export interface ContactKind {
  id: 'phone' | 'email';
  channel: Channel;
  check(raw: string): Check;
  mask(value: string): string;
  takenCode: TextCode;
  sentCode: TextCode;
  findHolder(ctx: ActivationContext, value: string): { id: number } | undefined;
  pendingOf(s: ActivationState): string | undefined;
  boundOf(s: ActivationState): string | undefined;
  pendingPatch(value: string): Partial<ActivationState>;
  boundPatch(value: string): Partial<ActivationState>;
}

export function contactStep(kind: ContactKind): ActivationStep<{ value: string; code: string }> {
  const field = kind.id;

  function invalid(ctx: ActivationContext, errors: FieldErrors, status = 400): StepResult<ActivationState> {
    const first = Object.values(errors)[0]!;
    auditActivation(ctx, ctx.event, 'error', { code: first.code, params: first.params });
    return { kind: 'invalid', status, errors };
  }

  /**
   * A value already bound to another account is refused before any code is sent. Each such answer tells
   * whether a number is in use, so the answers are counted per candidate and end in a lock.
   */
  function refusedAsTaken(ctx: ActivationContext, value: string): StepResult<ActivationState> | undefined {
    const admission = ctx.services.limiter.admit('contactTaken', { subject: String(ctx.state.candidateId), address: ctx.ip });
    const lockedFor = (until: number) => invalid(ctx, { [field]: { code: 'CONTACT_TAKEN_LOCKED', params: { minutes: minutesUntil(until, ctx.now) } } }, 429);
    if (!admission.ok) {
      // Look-ups still in flight can fill the limit without a lock: there is no end to tell then.
      return admission.reason === 'locked' ? lockedFor(admission.until) : invalid(ctx, { [field]: { code: 'RATE_LIMITED' } }, 429);
    }
    const holder = kind.findHolder(ctx, value);
    if (holder === undefined || holder.id === ctx.state.candidateId) {
      admission.slot.release();
      return undefined;
    }
    const failed = admission.slot.fail();
    if (failed.lockedNow) return lockedFor(failed.lockedUntil!);
    return invalid(ctx, { [field]: { code: kind.takenCode } });
  }

  return {
    id: field,
    view: `activation/${field}`,
    isDone: (s) => kind.boundOf(s) !== undefined,
    viewData(ctx) {
      const pending = kind.pendingOf(ctx.state);
      const cooldown = pending && ctx.state.candidateId
        ? ctx.services.codes.cooldownSecondsLeft({ candidateId: ctx.state.candidateId, channel: kind.channel, purpose: 'activation', target: pending })
        : 0;
      return {
        pending, cooldown, maskedPending: pending ? kind.mask(pending) : undefined,
        showCaptcha: ctx.services.captchaEnabled(), captchaId: ctx.services.captchas.newId(),
      };
    },
    parse(form) {
      const value = kind.check(formString(form, field));
      const code = checkCode(formString(form, 'code'));
      const errors: FieldErrors = {};
      if (!value.ok) errors[field] = { code: value.code as TextCode };
      if (!code.ok) errors.code = { code: code.code };
      if (!value.ok || !code.ok) return { ok: false, errors };
      return { ok: true, input: { value: value.value, code: code.value } };
    },
    submit(ctx, input) {
      const taken = refusedAsTaken(ctx, input.value);
      if (taken) return taken;
      const verdict = ctx.services.codes.verify(
        { candidateId: ctx.state.candidateId!, channel: kind.channel, purpose: 'activation', target: input.value },
        input.code,
      );
      if (!verdict.ok) return invalid(ctx, { code: { code: verdict.code, params: verdict.params } });
      auditActivation(ctx, ctx.event, 'ok', { params: { masked: kind.mask(input.value) } });
      return { kind: 'next', patch: kind.boundPatch(input.value) };
    },
    actions: {
      // Every code needs a new graphic captcha, as the real queryValidateCodeByMobile does.
      code: {
        parse(form, ctx) {
          const value = kind.check(formString(form, field));
          const captcha = captchaOfForm(form);
          const errors: FieldErrors = {};
          if (!value.ok) errors[field] = { code: value.code as TextCode };
          if (ctx.services.captchaEnabled() && captcha.captcha.trim() === '') errors.captcha = { code: 'GRAPHIC_CAPTCHA_REQUIRED' };
          return value.ok && !errors.captcha ? { ok: true, input: { value: value.value, ...captcha } } : { ok: false, errors };
        },
        async run(ctx, input: { value: string; captcha: string; captchaId: string }) {
          const { value } = input;
          const captchaError = graphicCaptchaError(ctx.services.captchas, ctx.services.captchaEnabled(), input);
          if (captchaError) return { ...invalid(ctx, { captcha: captchaError }), patch: kind.pendingPatch(value) };
          const taken = refusedAsTaken(ctx, value);
          if (taken) return taken;
          const candidate = ctx.services.store.candidates.findById(ctx.state.candidateId!)!;
          const verdict = await ctx.services.codes.issue({
            candidateId: candidate.id, candidateName: candidate.name, channel: kind.channel, purpose: 'activation', target: value,
          });
          if (!verdict.ok) {
            const status = verdict.code === 'CODE_DELIVERY_FAILED' ? 502 : 429;
            // A cap of the number or address is shown under it; a wait or a failed delivery beside the send button.
            const errorField = CAPS_OF_TARGET.has(verdict.code) ? field : 'code';
            return { ...invalid(ctx, { [errorField]: { code: verdict.code, params: verdict.params } }, status), patch: kind.pendingPatch(value) };
          }
          const masked = kind.mask(value);
          auditActivation(ctx, ctx.event, 'ok', { params: { masked } });
          const minutes = Math.round(ctx.services.config.limits.codeTtlMs / 60000);
          return { kind: 'stay', patch: kind.pendingPatch(value), notice: { code: kind.sentCode, params: { masked, minutes } } };
        },
      },
    },
  };
}
