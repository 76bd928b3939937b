import type { Request } from 'express';
import { textOf } from '../../web/texts.ts';
import { wizardRouter } from '../../web/wizard.ts';
import type { ActivationServices, ActivationState } from './state.ts';
import { activationSteps } from './steps.ts';

export const ACTIVATION_PATH = '/retrieve-password/accountActivation';

export function activationRouter(services: ActivationServices, deps: { now(): number; csrfToken(req: Request): string }) {
  return wizardRouter<ActivationState, ActivationServices>({
    basePath: ACTIVATION_PATH,
    sessionKey: 'activation',
    indicatorLabels: [1, 2, 3, 4, 5].map((n) => textOf(`STEP_${n}`)),
    steps: activationSteps,
    start: (now) => ({ startedAt: now }),
    ttlMs: services.config.limits.activationSessionTtlMs,
    expiredNotice: {
      code: 'ACTIVATION_SESSION_EXPIRED',
      params: { minutes: Math.round(services.config.limits.activationSessionTtlMs / 60000) },
    },
    services,
    ...deps,
  });
}
