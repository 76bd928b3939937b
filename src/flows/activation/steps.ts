import { agreement } from './agreement.ts';
import { done } from './done.ts';
import { email } from './email.ts';
import { identity } from './identity.ts';
import { password } from './password.ts';
import { phone } from './phone.ts';
import type { ActivationStep } from './state.ts';

/** The activation flow, in the order of the university's guide. The order lives here and nowhere else. */
export const activationSteps: readonly ActivationStep[] = [agreement, identity, phone, email, password, done];
