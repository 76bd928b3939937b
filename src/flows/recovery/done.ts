import { candidateOf, type RecoveryStep } from './state.ts';

/** 完成: the new password is set and every SSO session of the account has ended. */
export const done: RecoveryStep = {
  id: 'done',
  view: 'recovery/done',
  isDone: () => false,
  viewData: (ctx) => ({ username: candidateOf(ctx).candidate_no }),
};
