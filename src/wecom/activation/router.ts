import { wizardRouter } from '../../wizard/router.ts';
import { place, type PlacedStep } from '../../wizard/step.ts';
import type { WecomDeps } from '../deps.ts';
import type { WecomEvent } from '../events.ts';
import { WECOM_PATH } from '../session.ts';
import { follow } from './follow.ts';
import { signIn } from './signIn.ts';
import type { WecomActivationState } from './state.ts';
import { verify } from './verify.ts';

export const ACTIVATE_PATH = `${WECOM_PATH}/activate`;

/**
 * 第二步 to 第四步 of 附件二, in order; the one place that says their order, labels, events and milestones.
 * (第一步 is the QR code at /wecom/, 第五步 happens in WeChat: ../wechat/.)
 */
export const wecomActivationSteps: readonly PlacedStep<WecomActivationState, WecomDeps, WecomEvent>[] = [
  place(signIn, { label: 'WECOM_STEP_2', event: 'WECOM_SIGNED_IN', milestone: { event: 'WECOM_SIGNED_IN', label: 'WECOM_STEP_2' } }),
  place(verify, { label: 'WECOM_STEP_3', event: 'WECOM_PHONE_VERIFIED', actionEvents: { code: 'WECOM_CODE_SENT' }, milestone: { event: 'WECOM_PHONE_VERIFIED', label: 'WECOM_STATUS_phone_verified' } }),
  place(follow, { label: 'WECOM_STEP_4', event: 'WECOM_FOLLOWED', actionEvents: { 'verify-again': 'WECOM_VERIFY_AGAIN' }, milestone: { event: 'WECOM_FOLLOWED', label: 'WECOM_STATUS_followed' } }),
];

/** The activation pages on the wizard engine, under /wecom/activate, in the app's own session. Full paths: the app is mounted at the root. */
export function wecomActivationRouter(deps: WecomDeps) {
  return wizardRouter<WecomActivationState, WecomDeps, WecomEvent>({
    basePath: ACTIVATE_PATH,
    sessionKey: 'wecomActivation',
    indicatorLabel: 'WECOM_STEPS_LABEL',
    steps: wecomActivationSteps,
    start: (now) => ({ startedAt: now }),
    ttlMs: deps.config.wecom.sessionTtlMs,
    expiredCode: 'WECOM_SESSION_EXPIRED',
    orderCode: 'WECOM_STEP_ORDER',
    // The help desk may reset the app (demo reset) while someone is half-way.
    isStale: (state, services) => state.uid !== undefined && services.store.members.findByUid(state.uid) === undefined,
    staleCode: 'WECOM_MEMBER_GONE',
    services: deps,
    now: deps.now,
    csrfToken: deps.csrfToken,
    onInvalidForm(ctx, { code }) {
      if (ctx.state.uid) ctx.services.journey.record(ctx.state.uid, ctx.event, { outcome: 'error', code });
    },
  });
}
