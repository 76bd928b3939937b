import type { Db } from './db.ts';

export interface SsoSessionRow {
  id: string;
  candidate_id: number;
  created_at: number;
  /** The last time the person proved who they are in this session (CAS 3.0 authenticationDate). */
  authenticated_at: number;
  last_used_at: number;
  expires_at: number;
  ended_at: number | null;
  /** 1 when started with 记住我 (7天免登录): a long lifetime and no idle timeout. */
  remember_me: 0 | 1;
}

/**
 * Single sign-on sessions (CAS TGTs). Whatever ends one (logout, another login, a password reset, a
 * staff action, expiry) returns the ids it ended, so their services can be told by single logout.
 */
export function createSsoSessions(db: Db) {
  const insert = db.prepare(`INSERT INTO sso_sessions (id, candidate_id, created_at, authenticated_at, last_used_at, expires_at, remember_me)
    VALUES (@id, @candidateId, @now, @now, @now, @expiresAt, @rememberMe)`);
  const byId = db.prepare('SELECT * FROM sso_sessions WHERE id = ?');
  const touch = db.prepare('UPDATE sso_sessions SET last_used_at = ? WHERE id = ? AND ended_at IS NULL');
  // 记住我 on the new login turns the session into a remembered one; a remembered one stays remembered.
  const reauthenticate = db.prepare(`UPDATE sso_sessions SET authenticated_at = @now, last_used_at = @now,
      expires_at = CASE WHEN @rememberedUntil IS NOT NULL AND remember_me = 0 THEN @rememberedUntil ELSE expires_at END,
      remember_me = CASE WHEN @rememberedUntil IS NOT NULL THEN 1 ELSE remember_me END
    WHERE id = @id AND ended_at IS NULL`);
  const end = db.prepare('UPDATE sso_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
  const endAll = db.prepare('UPDATE sso_sessions SET ended_at = ? WHERE candidate_id = ? AND ended_at IS NULL RETURNING id');
  const endEveryOpen = db.prepare('UPDATE sso_sessions SET ended_at = ? WHERE ended_at IS NULL RETURNING id');
  const endStale = db.prepare(`UPDATE sso_sessions SET ended_at = @now
    WHERE ended_at IS NULL AND (expires_at <= @now OR (remember_me = 0 AND last_used_at <= @idleSince)) RETURNING id, candidate_id`);
  const openFor = db.prepare('SELECT * FROM sso_sessions WHERE candidate_id = ? AND ended_at IS NULL AND expires_at > ?');
  return {
    create: (s: { id: string; candidateId: number; now: number; expiresAt: number; rememberMe?: boolean }) => {
      insert.run({ ...s, rememberMe: s.rememberMe ? 1 : 0 });
    },
    findById: (id: string) => byId.get(id) as SsoSessionRow | undefined,
    touch: (id: string, now: number) => touch.run(now, id).changes === 1,
    /** The same person logged in again in this browser: the session goes on, freshly authenticated (remembered until then with 记住我). */
    reauthenticate: (id: string, now: number, rememberedUntil?: number) => reauthenticate.run({ id, now, rememberedUntil: rememberedUntil ?? null }).changes === 1,
    /** Whether it was still open (only the first of two racing ends wins). */
    end: (id: string, now: number) => end.run(now, id).changes === 1,
    /** The ids of the sessions that were still open. */
    endAllForCandidate: (candidateId: number, now: number) => (endAll.all(now, candidateId) as { id: string }[]).map((r) => r.id),
    /** Ends every open session (a training reset); the ids of those that were open. */
    endEveryOpen: (now: number) => (endEveryOpen.all(now) as { id: string }[]).map((r) => r.id),
    /** Ends every open session past its lifetime or idle timeout (none for 记住我); returns which they were. */
    endStale: (now: number, idleMs: number) => endStale.all({ now, idleSince: now - idleMs }) as { id: string; candidate_id: number }[],
    openForCandidate: (candidateId: number, now: number) => openFor.all(candidateId, now) as SsoSessionRow[],
  };
}
