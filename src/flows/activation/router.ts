import type { Request } from 'express';
import { wizardRouter } from '../../wizard/router.ts';
import { auditActivation, type ActivationServices, type ActivationState } from './state.ts';
import { activationSteps } from './steps.ts';

export const ACTIVATION_PATH = '/retrieve-password/accountActivation';

export function activationRouter(services: ActivationServices, deps: { now(): number; csrfToken(req: Request): string }) {
  return wizardRouter<ActivationState, ActivationServices>({
    basePath: ACTIVATION_PATH,
    sessionKey: 'activation',
    indicatorLabel: 'STEPPER_LABEL',
    steps: activationSteps,
    start: (now) => ({ startedAt: now }),
    ttlMs: services.config.limits.activationSessionTtlMs,
    expiredCode: 'ACTIVATION_SESSION_EXPIRED',
    orderCode: 'ACTIVATION_STEP_ORDER',
    // The candidate may be deleted or re-imported by staff while their activation is in progress.
    isStale: (state, { store }) => state.candidateId !== undefined && store.candidates.findById(state.candidateId) === undefined,
    staleCode: 'ACTIVATION_RESTART',
    services,
    onInvalidForm(ctx, { code }) {
      auditActivation(ctx, ctx.event, 'error', { code });
    },
    ...deps,
  });
}
