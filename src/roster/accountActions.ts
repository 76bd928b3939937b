import type { CandidateRow } from '../data/candidates.ts';
import type { AuditEvent } from '../data/auditEvents.ts';
import type { Store } from '../data/store.ts';
import type { SingleLogout } from '../messaging/singleLogout.ts';
import { ACCOUNT_LOCK_KINDS } from '../rules/attemptLimits.ts';
import type { TextCode } from '../web/texts.ts';

/** What staff (in the console) or a test (through the API) can do to one account. */
export const ACCOUNT_ACTIONS = ['unlock', 'unbind-phone', 'unbind-email', 'reset-activation', 'force-password-reset'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const ACTION_EVENT: Record<AccountAction, AuditEvent> = {
  unlock: 'STAFF_UNLOCK',
  'unbind-phone': 'STAFF_UNBIND_PHONE',
  'unbind-email': 'STAFF_UNBIND_EMAIL',
  'reset-activation': 'STAFF_RESET_ACTIVATION',
  'force-password-reset': 'STAFF_FORCE_PASSWORD_RESET',
};

export function isAccountAction(x: unknown): x is AccountAction {
  return typeof x === 'string' && (ACCOUNT_ACTIONS as readonly string[]).includes(x);
}

export type ActionResult = { ok: true; code: TextCode } | { ok: false; code: TextCode };

/** Who acts and why; both go into the candidate's timeline. */
export interface Actor {
  /** The staff user name, or 'api'. */
  name: string;
  /** The staff member's own name, shown in the timeline beside the user name. */
  displayName?: string;
  reason: string;
  ip?: string | null;
}

/** An action's verdict and the SSO sessions it ended (they are told by single logout). */
type Applied = { result: ActionResult; ended: string[] };
const done = (result: ActionResult, ended: string[] = []): Applied => ({ result, ended });

function apply(store: Store, c: CandidateRow, action: AccountAction, now: number): Applied {
  switch (action) {
    case 'unlock': {
      return done(store.attempts.unlock(ACCOUNT_LOCK_KINDS, c.candidate_no)
        ? { ok: true, code: 'ACTION_DONE_unlock' }
        : { ok: false, code: 'ACTION_NOT_LOCKED' });
    }
    case 'unbind-phone':
    case 'unbind-email':
      // Frees the number or address (e.g. the candidate changed phones); 忘记密码 then offers what is left.
      return done(store.roster.unbind(c.id, action === 'unbind-phone' ? 'phone' : 'email', now)
        ? { ok: true, code: `ACTION_DONE_${action}` }
        : { ok: false, code: 'ACTION_NOTHING_BOUND' });
    case 'reset-activation':
      if (c.status !== 'active') return done({ ok: false, code: 'ACTION_NOT_ACTIVE' });
      store.roster.resetActivation(c.id, now);
      return done({ ok: true, code: 'ACTION_DONE_reset-activation' }, store.ssoSessions.endAllForCandidate(c.id, now));
    case 'force-password-reset':
      if (!store.roster.requirePasswordReset(c.id, now)) return done({ ok: false, code: 'ACTION_NOT_ACTIVE' });
      // The old password is no longer trusted, so neither is any session it opened.
      return done({ ok: true, code: 'ACTION_DONE_force-password-reset' }, store.ssoSessions.endAllForCandidate(c.id, now));
  }
}

/**
 * Runs an action and records it (done or refused) with the actor's name and reason, in one transaction;
 * the services of any SSO session it ended are then told by single logout.
 */
export function runAccountAction(
  deps: { store: Store; singleLogout: SingleLogout }, c: CandidateRow, action: AccountAction, actor: Actor, now: number,
): Promise<ActionResult> {
  const { store } = deps;
  return deps.singleLogout.endSessions(() => {
    const { result, ended } = apply(store, c, action, now);
    store.audit.record({
      at: now, event: ACTION_EVENT[action], outcome: result.ok ? 'ok' : 'error', candidateId: c.id, candidateNo: c.candidate_no,
      code: result.ok ? null : result.code, params: { reason: actor.reason, ...(actor.displayName ? { staffName: actor.displayName } : {}) }, ip: actor.ip ?? null, actor: actor.name,
    });
    return { result, ended };
  });
}
