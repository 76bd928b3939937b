import type { Db } from './db.ts';

export interface SsoSessionRow {
  id: string;
  candidate_id: number;
  created_at: number;
  last_used_at: number;
  expires_at: number;
  ended_at: number | null;
  /** 1 when started with 记住我 (7天免登录): a long lifetime and no idle timeout. */
  remember_me: 0 | 1;
}

/** Single sign-on sessions (CAS TGTs). Ending them is how a password change or a staff reset logs people out. */
export function createSsoSessions(db: Db) {
  const insert = db.prepare(`INSERT INTO sso_sessions (id, candidate_id, created_at, last_used_at, expires_at, remember_me)
    VALUES (@id, @candidateId, @now, @now, @expiresAt, @rememberMe)`);
  const byId = db.prepare('SELECT * FROM sso_sessions WHERE id = ?');
  const touch = db.prepare('UPDATE sso_sessions SET last_used_at = ? WHERE id = ? AND ended_at IS NULL');
  const end = db.prepare('UPDATE sso_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
  const endAll = db.prepare('UPDATE sso_sessions SET ended_at = ? WHERE candidate_id = ? AND ended_at IS NULL');
  const openFor = db.prepare('SELECT * FROM sso_sessions WHERE candidate_id = ? AND ended_at IS NULL AND expires_at > ?');
  return {
    create: (s: { id: string; candidateId: number; now: number; expiresAt: number; rememberMe?: boolean }) => {
      insert.run({ ...s, rememberMe: s.rememberMe ? 1 : 0 });
    },
    findById: (id: string) => byId.get(id) as SsoSessionRow | undefined,
    touch: (id: string, now: number) => touch.run(now, id).changes === 1,
    end: (id: string, now: number) => end.run(now, id).changes === 1,
    /** Returns how many were still open. */
    endAllForCandidate: (candidateId: number, now: number) => endAll.run(now, candidateId).changes,
    openForCandidate: (candidateId: number, now: number) => openFor.all(candidateId, now) as SsoSessionRow[],
  };
}
