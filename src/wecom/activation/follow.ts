import { maskPhone } from '../../rules/phone.ts';
import type { WecomStep } from './state.ts';

/**
 * 第四步 关注企业号: the follow QR code (what another phone would scan) and 我已关注 for this one. The last step:
 * once following it stays open, saying so and pointing to WeChat, where 第五步 happens.
 */
export const follow: WecomStep<Record<string, never>> = {
  id: 'follow',
  view: 'wecom/follow',
  isDone: (s) => s.followed === true,
  viewData(ctx) {
    const member = ctx.services.store.members.findByUid(ctx.state.uid!);
    return {
      following: member?.followed_at != null,
      // 情况一 of the FAQ: a member who never signed in to the 企业微信 APP may simply verify another number.
      mayVerifyAgain: member?.app_login_at == null,
      maskedPhone: member?.phone ? maskPhone(member.phone) : '',
    };
  },
  parse: () => ({ ok: true, input: {} }),
  submit(ctx) {
    const followed = ctx.services.journey.follow(ctx.state.uid!);
    if (!followed.ok) return { kind: 'invalid', status: 409, errors: { _form: { code: followed.code } }, patch: { phoneVerified: undefined } };
    return { kind: 'next', patch: { followed: true } };
  },
  actions: {
    /** 手机号填错了: back to 第三步, only while the account was never signed in to (情况一). */
    'verify-again': {
      parse: () => ({ ok: true, input: {} }),
      run(ctx) {
        const member = ctx.services.store.members.findByUid(ctx.state.uid!);
        if (member?.app_login_at != null) return { kind: 'invalid', status: 409, errors: { _form: { code: 'WECOM_PHONE_CHANGE_IN_APP' } } };
        return { kind: 'next', patch: { phoneVerified: undefined, followed: undefined } };
      },
    },
  },
};
