import { place, type PlacedStep } from '../../wizard/step.ts';
import { account } from './account.ts';
import { done } from './done.ts';
import { password } from './password.ts';
import type { RecoveryServices, RecoveryState } from './state.ts';
import { verify } from './verify.ts';

/**
 * 忘记密码, in the real portal's order: account, security check by phone or email, new password. This list is
 * the one place that says each step's order, its label in the step indicator and the audit events of its forms.
 */
export const recoverySteps: readonly PlacedStep<RecoveryState, RecoveryServices>[] = [
  place(account, { label: 'RECOVERY_STEP_ACCOUNT', event: 'RECOVERY_ACCOUNT' }),
  place(verify, { label: 'RECOVERY_STEP_VERIFY', event: 'RECOVERY_VERIFY', actionEvents: { code: 'RECOVERY_CODE_SENT' } }),
  place(password, { label: 'RECOVERY_STEP_PASSWORD', event: 'PASSWORD_RESET' }),
  place(done, { label: 'RECOVERY_STEP_DONE' }),
];
