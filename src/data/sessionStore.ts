import session from 'express-session';
import type { Db } from './db.ts';

const DAY = 24 * 60 * 60 * 1000;
// A request that changes nothing in the session moves its stored expiry only once this much has passed:
// an idle session may end up to a minute early, and page views in a row write nothing.
const TOUCH_GRANULARITY_MS = 60 * 1000;

/** express-session store in SQLite, so a restart logs nobody out and loses no wizard. */
export class SqliteSessionStore extends session.Store {
  private readonly getStmt;
  private readonly setStmt;
  private readonly destroyStmt;
  private readonly touchStmt;
  private readonly pruneStmt;

  constructor(db: Db, private readonly now: () => number) {
    super();
    this.getStmt = db.prepare('SELECT data FROM sessions WHERE sid = ? AND expires > ?').pluck();
    this.setStmt = db.prepare(`INSERT INTO sessions (sid, data, expires) VALUES (?, ?, ?)
      ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires = excluded.expires`);
    this.destroyStmt = db.prepare('DELETE FROM sessions WHERE sid = ?');
    this.touchStmt = db.prepare('UPDATE sessions SET expires = ? WHERE sid = ? AND expires < ?');
    this.pruneStmt = db.prepare('DELETE FROM sessions WHERE expires <= ?');
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
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: () => void): void {
    const expires = this.expiryOf(sess);
    this.touchStmt.run(expires, sid, expires - TOUCH_GRANULARITY_MS);
    cb?.();
  }

  prune(): number {
    return this.pruneStmt.run(this.now()).changes;
  }
}
