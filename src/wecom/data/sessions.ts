import session from 'express-session';
import type { Db } from './db.ts';

const DAY = 24 * 60 * 60 * 1000;

/** express-session store for the app's own sessions (table wecom_sessions). */
export class WecomSessionStore extends session.Store {
  private readonly getStmt;
  private readonly setStmt;
  private readonly destroyStmt;
  private readonly forgetLogins;
  private readonly touchStmt;

  constructor(db: Db, private readonly now: () => number) {
    super();
    this.getStmt = db.prepare('SELECT data FROM wecom_sessions WHERE sid = ? AND expires > ?').pluck();
    this.setStmt = db.prepare(`INSERT INTO wecom_sessions (sid, data, expires) VALUES (?, ?, ?)
      ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires = excluded.expires`);
    this.destroyStmt = db.prepare('DELETE FROM wecom_sessions WHERE sid = ?');
    this.forgetLogins = db.prepare('DELETE FROM wecom_cas_logins WHERE sid = ?');
    this.touchStmt = db.prepare('UPDATE wecom_sessions SET expires = ? WHERE sid = ?');
  }

  private expiryOf(sess: session.SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : this.now() + DAY;
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const data = this.getStmt.get(sid, this.now()) as string | undefined;
      cb(null, data ? (JSON.parse(data) as session.SessionData) : null);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      this.setStmt.run(sid, JSON.stringify(sess), this.expiryOf(sess));
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.destroyStmt.run(sid);
      this.forgetLogins.run(sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: () => void): void {
    this.touchStmt.run(this.expiryOf(sess), sid);
    cb?.();
  }
}

/** Service ticket → the app session it opened, for the CAS server's back-channel logoutRequest. */
export function createCasLogins(db: Db) {
  const insert = db.prepare('INSERT OR REPLACE INTO wecom_cas_logins (ticket, sid, uid, created_at) VALUES (@ticket, @sid, @uid, @now)');
  const byTicket = db.prepare('SELECT sid, uid FROM wecom_cas_logins WHERE ticket = ?');
  return {
    remember: (l: { ticket: string; sid: string; uid: string; now: number }) => void insert.run(l),
    find: (ticket: string) => byTicket.get(ticket) as { sid: string; uid: string } | undefined,
  };
}

/** Expired sessions, the ticket mappings of sessions that are gone, and codes past every counting window. */
export function createHousekeeping(db: Db) {
  const statements = [
    ['wecom_sessions', db.prepare('DELETE FROM wecom_sessions WHERE expires <= @now')],
    ['wecom_cas_logins', db.prepare('DELETE FROM wecom_cas_logins WHERE sid NOT IN (SELECT sid FROM wecom_sessions)')],
    ['wecom_codes', db.prepare('DELETE FROM wecom_codes WHERE created_at < @before')],
  ] as const;
  return {
    /** Returns how many rows each table lost. */
    pruneExpired(now: number): Record<string, number> {
      const params = { now, before: now - 2 * DAY };
      return db.transaction(() => Object.fromEntries(statements.map(([table, s]) => [table, s.run(params).changes]))).immediate();
    },
  };
}
