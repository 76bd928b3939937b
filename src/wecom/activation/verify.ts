import { maskPhone } from '../../rules/phone.ts';
import type { FieldErrors } from '../../web/forms.ts';
import type { StepResult } from '../../wizard/step.ts';
import { parsePhone, parsePhoneAndCode } from '../forms.ts';
import type { WecomActivationState, WecomContext, WecomStep } from './state.ts';

/** Records the refusal in the member's timeline and shows it on the page, the typed values kept. */
function refuse(ctx: WecomContext, errors: FieldErrors, status = 400, patch?: Partial<WecomActivationState>): StepResult<WecomActivationState> {
  const first = Object.values(errors)[0]!;
  ctx.services.journey.record(ctx.state.uid!, ctx.event, { outcome: 'error', code: first.code, params: first.params });
  return { kind: 'invalid', status, errors, patch };
}

/**
 * One phone, one member: a number bound to someone else is refused before a code is sent. Each such answer tells
 * whether a number is in use, so they are counted per member and end in a lock (phoneLookUps.ts).
 */
function refusedAsTaken(ctx: WecomContext, phone: string): StepResult<WecomActivationState> | undefined {
  const verdict = ctx.services.lookUps.check(ctx.state.uid!, phone);
  if (verdict.ok) return undefined;
  const errors = { phone: { code: verdict.code, params: verdict.params } };
  const status = verdict.code === 'CONTACT_TAKEN_LOCKED' ? 429 : 400;
  // The answer that set the lock is in the timeline already, as the lock's own event.
  return verdict.lockedNow ? { kind: 'invalid', status, errors } : refuse(ctx, errors, status);
}

/** 第三步 验证手机号码: 校验您的个人信息, then the number of the WeChat in use, proved by an SMS code. */
export const verify: WecomStep<{ phone: string; code: string }> = {
  id: 'verify',
  view: 'wecom/verify',
  isDone: (s) => s.phoneVerified === true,
  viewData(ctx) {
    const { uid, name, department, pendingPhone } = ctx.state;
    const cooldown = pendingPhone ? ctx.services.codes.cooldownSecondsLeft({ uid: uid!, purpose: 'verify', phone: pendingPhone }) : 0;
    return { uid, name, department, pending: pendingPhone, cooldown };
  },
  parse: parsePhoneAndCode,
  submit(ctx, input) {
    const { services, state } = ctx;
    const taken = refusedAsTaken(ctx, input.phone);
    if (taken) return taken;
    const verdict = services.codes.verify({ uid: state.uid!, purpose: 'verify', phone: input.phone }, input.code);
    if (!verdict.ok) return refuse(ctx, { code: { code: verdict.code, params: verdict.params } });
    const bound = services.journey.verifyPhone(state.uid!, input.phone, state.wechatId!);
    if (!bound.ok) return refuse(ctx, { phone: { code: bound.code } }, 409);
    return { kind: 'next', patch: { phoneVerified: true, pendingPhone: undefined } };
  },
  actions: {
    /** 获取验证码: POST /wecom/activate/verify/code. */
    code: {
      parse: parsePhone,
      run(ctx, phone: string) {
        const taken = refusedAsTaken(ctx, phone);
        if (taken) return taken;
        const verdict = ctx.services.codes.issue({ uid: ctx.state.uid!, purpose: 'verify', phone });
        if (!verdict.ok) {
          const status = verdict.code === 'CODE_DELIVERY_FAILED' ? 502 : 429;
          return refuse(ctx, { code: { code: verdict.code, params: verdict.params } }, status, { pendingPhone: phone });
        }
        const masked = maskPhone(phone);
        const minutes = Math.round(ctx.services.config.limits.codeTtlMs / 60000);
        ctx.services.journey.record(ctx.state.uid!, ctx.event, { code: 'SMS_CODE_SENT', params: { masked, minutes } });
        return { kind: 'stay', patch: { pendingPhone: phone }, notice: { code: 'SMS_CODE_SENT', params: { masked, minutes } } };
      },
    },
  },
};
