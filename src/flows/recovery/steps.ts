import { account } from './account.ts';
import { done } from './done.ts';
import { password } from './password.ts';
import type { RecoveryStep } from './state.ts';
import { verify } from './verify.ts';

/** 忘记密码, in the real portal's order: account, security check by phone or email, new password. */
export const recoverySteps: readonly RecoveryStep[] = [account, verify, password, done];
