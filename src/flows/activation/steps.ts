import { place, type PlacedStep } from '../../wizard/step.ts';
import { agreement } from './agreement.ts';
import { done } from './done.ts';
import { email } from './email.ts';
import { identity } from './identity.ts';
import { password } from './password.ts';
import { phone } from './phone.ts';
import type { ActivationServices, ActivationState } from './state.ts';

/**
 * The activation flow, in the order of the university's guide. This list is the one place that says each
 * step's order, its label in the step indicator, the audit events of its forms and its place in the funnel.
 */
export const activationSteps: readonly PlacedStep<ActivationState, ActivationServices>[] = [
  place(agreement, { event: 'ACTIVATION_STARTED' }),
  place(identity, { label: 'STEP_IDENTITY', event: 'IDENTITY_CHECK', milestone: { event: 'IDENTITY_CHECK', label: 'FUNNEL_IDENTITY_CHECK' } }),
  place(phone, { label: 'STEP_PHONE', event: 'PHONE_BIND', actionEvents: { code: 'PHONE_CODE_SENT' }, milestone: { event: 'PHONE_BIND', label: 'FUNNEL_PHONE_BIND' } }),
  place(email, { label: 'STEP_EMAIL', event: 'EMAIL_BIND', actionEvents: { code: 'EMAIL_CODE_SENT' }, milestone: { event: 'EMAIL_BIND', label: 'FUNNEL_EMAIL_BIND' } }),
  place(password, { label: 'STEP_PASSWORD', event: 'PASSWORD_SET', milestone: { event: 'ACTIVATED', label: 'FUNNEL_ACTIVATED' } }),
  place(done, { label: 'STEP_DONE' }),
];
