import type { CandidateRow } from '../data/candidates.ts';
import { ACCOUNT_ACTIONS, type AccountAction } from '../roster/accountActions.ts';

/** Actions that cannot be undone by the candidate alone, so the console asks once more before running them. */
export const CONFIRMED_ACTIONS: readonly AccountAction[] = ['reset-activation'];

/** The actions that would change something for this account now; the page offers only these. */
export function applicableActions(c: CandidateRow, locked: boolean): AccountAction[] {
  const active = c.status === 'active';
  const applies: Record<AccountAction, boolean> = {
    unlock: locked,
    'unbind-phone': active && c.phone !== null,
    'unbind-email': active && c.email !== null,
    'reset-activation': active,
    'force-password-reset': active && c.must_reset_password === 0,
  };
  return ACCOUNT_ACTIONS.filter((a) => applies[a]);
}
