import type { SsoSessionRow } from '../data/ssoSessions.ts';
import type { CasDeps } from './deps.ts';
import { newTicketId } from './tickets.ts';

function isLive(deps: CasDeps, row: SsoSessionRow, now: number): boolean {
  if (row.ended_at !== null || row.expires_at <= now) return false;
  return row.remember_me === 1 || now - row.last_used_at < deps.config.cas.ssoSessionIdleMs;
}

/** A live SSO session: not ended, not past its lifetime, not idle too long (a 记住我 session has no idle timeout). */
export function liveSsoSession(deps: CasDeps, id: string | undefined): SsoSessionRow | undefined {
  const row = id ? deps.store.ssoSessions.findById(id) : undefined;
  return row && isLive(deps, row, deps.clock.now()) ? row : undefined;
}

function endForLogin(deps: CasDeps, row: SsoSessionRow, now: number, reason: 'expired' | 'another-login'): string[] {
  if (!deps.store.ssoSessions.end(row.id, now)) return [];
  deps.store.audit.record({ at: now, event: 'SSO_ENDED', outcome: 'ok', candidateId: row.candidate_id, params: { reason } });
  return [row.id];
}

/** The cookie names a session that expired or went idle but was never ended: it ends now, and its services are told. */
export async function endIfStale(deps: CasDeps, id: string | undefined): Promise<void> {
  const row = id ? deps.store.ssoSessions.findById(id) : undefined;
  if (!row || row.ended_at !== null || isLive(deps, row, deps.clock.now())) return;
  await deps.singleLogout.endSessions(() => ({ ended: endForLogin(deps, row, deps.clock.now(), 'expired'), result: undefined }));
}

/**
 * The SSO session a successful login goes on with, inside the login's transaction. The same person's live
 * session in this browser continues, freshly authenticated (as Apereo CAS does), so its services keep
 * theirs; any other session the cookie names is ended and returned, to be told by single logout.
 */
export function ssoSessionAfterLogin(
  deps: CasDeps, previousId: string | undefined, candidateId: number, rememberMe: boolean,
): { session: SsoSessionRow; ended: string[] } {
  const { store, clock, config } = deps;
  const now = clock.now();
  // With 记住我 (7天免登录) the session lasts CAS_REMEMBER_ME_DAYS instead of CAS_TGT_TTL_MINUTES.
  const expiresAt = now + (rememberMe ? config.cas.rememberMeTtlMs : config.cas.ssoSessionTtlMs);
  const previous = previousId ? store.ssoSessions.findById(previousId) : undefined;
  if (previous && previous.candidate_id === candidateId && isLive(deps, previous, now)) {
    store.ssoSessions.reauthenticate(previous.id, now, rememberMe ? expiresAt : undefined);
    return { session: store.ssoSessions.findById(previous.id)!, ended: [] };
  }
  const ended = previous ? endForLogin(deps, previous, now, isLive(deps, previous, now) ? 'another-login' : 'expired') : [];
  const id = newTicketId('TGT');
  store.ssoSessions.create({ id, candidateId, now, expiresAt, rememberMe });
  return { session: store.ssoSessions.findById(id)!, ended };
}
