import type { Db } from './db.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Service ticket → the app session it opened, for the CAS server's back-channel logoutRequest. */
export function createCasLogins(db: Db) {
  const insert = db.prepare('INSERT OR REPLACE INTO wecom_cas_logins (ticket, sid, uid, created_at) VALUES (@ticket, @sid, @uid, @now)');
  const byTicket = db.prepare('SELECT sid, uid FROM wecom_cas_logins WHERE ticket = ?');
  const bySid = db.prepare('DELETE FROM wecom_cas_logins WHERE sid = ?');
  return {
    remember: (l: { ticket: string; sid: string; uid: string; now: number }) => void insert.run(l),
    find: (ticket: string) => byTicket.get(ticket) as { sid: string; uid: string } | undefined,
    /** The mappings of an app session that ends, so a later logoutRequest for its tickets finds nothing. */
    forgetSession: (sid: string) => void bySid.run(sid),
  };
}

/** Expired sessions, the ticket mappings of sessions that are gone, codes and taken answers past every counting window. */
export function createHousekeeping(db: Db) {
  const statements = [
    ['wecom_sessions', db.prepare('DELETE FROM wecom_sessions WHERE expires <= @now')],
    ['wecom_cas_logins', db.prepare('DELETE FROM wecom_cas_logins WHERE sid NOT IN (SELECT sid FROM wecom_sessions)')],
    ['wecom_codes', db.prepare('DELETE FROM wecom_codes WHERE created_at < @before')],
    // Kept while they count (the window is at most a day) or hold a lock.
    ['wecom_taken_answers', db.prepare('DELETE FROM wecom_taken_answers WHERE at < @before AND COALESCE(locked_until, 0) <= @now')],
  ] as const;
  return {
    /** Returns how many rows each table lost. */
    pruneExpired(now: number): Record<string, number> {
      const params = { now, before: now - 2 * DAY };
      return db.transaction(() => Object.fromEntries(statements.map(([table, s]) => [table, s.run(params).changes]))).immediate();
    },
  };
}
