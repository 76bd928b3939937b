import type { Request } from 'express';
import { textOf } from '../../web/texts.ts';
import { wizardRouter } from '../../web/wizard.ts';
import { auditActivation, type ActivationServices, type ActivationState } from './state.ts';
import { activationSteps } from './steps.ts';

export const ACTIVATION_PATH = '/retrieve-password/accountActivation';

/** The audit event of each form (step id, or step id/action), the same names the steps record themselves. */
const FORM_EVENTS: Record<string, string> = {
  '': 'ACTIVATION_STARTED',
  identity: 'IDENTITY_CHECK',
  phone: 'PHONE_BIND',
  'phone/code': 'PHONE_CODE_SENT',
  email: 'EMAIL_BIND',
  'email/code': 'EMAIL_CODE_SENT',
  password: 'PASSWORD_SET',
};

export function activationRouter(services: ActivationServices, deps: { now(): number; csrfToken(req: Request): string }) {
  return wizardRouter<ActivationState, ActivationServices>({
    basePath: ACTIVATION_PATH,
    sessionKey: 'activation',
    indicatorLabels: [1, 2, 3, 4, 5].map((n) => textOf(`STEP_${n}`)),
    steps: activationSteps,
    start: (now) => ({ startedAt: now }),
    ttlMs: services.config.limits.activationSessionTtlMs,
    expiredCode: 'ACTIVATION_SESSION_EXPIRED',
    services,
    onInvalidForm(ctx, { stepId, action, code }) {
      const form = action ? `${stepId}/${action}` : stepId;
      auditActivation(ctx, FORM_EVENTS[form] ?? 'ACTIVATION_FORM', 'error', { code });
    },
    ...deps,
  });
}
