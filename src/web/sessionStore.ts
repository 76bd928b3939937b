import type Database from 'better-sqlite3';
import session from 'express-session';

const DAY = 24 * 60 * 60 * 1000;
/** A table name goes into the SQL text itself, so only a fixed lower-case identifier is accepted. */
const TABLE_NAME = /^[a-z_]+$/;
/**
 * A request that changes nothing in the session moves its stored expiry only once this much has passed:
 * an idle session may end up to a minute early, and page views in a row write nothing.
 */
export const TOUCH_GRANULARITY_MS = 60 * 1000;

export interface SessionTable {
  /** A table (sid TEXT PRIMARY KEY, data TEXT, expires INTEGER) that belongs to this store alone. */
  table: string;
  now: () => number;
  /** Runs in the same transaction as the deletion, for rows that belong to the session being destroyed. */
  onDestroy?: (sid: string) => void;
}

/**
 * Runs a write and calls express-session back once: outside the try, so an error thrown by the code the
 * callback runs (the rest of the request) is not handed back to that callback as the store's own.
 */
function callBackOnce(write: () => void, cb?: (err?: unknown) => void): void {
  try {
    write();
  } catch (err) {
    return cb?.(err);
  }
  cb?.();
}

/** express-session store in one SQLite table, so a restart logs nobody out and loses no wizard. */
export class SqliteSessionStore extends session.Store {
  private readonly now: () => number;
  private readonly getStmt;
  private readonly setStmt;
  private readonly touchStmt;
  private readonly destroyTx;

  constructor(db: Database.Database, { table, now, onDestroy }: SessionTable) {
    super();
    if (!TABLE_NAME.test(table)) throw new Error(`not a session table name: ${JSON.stringify(table)}`);
    this.now = now;
    this.getStmt = db.prepare(`SELECT data FROM ${table} WHERE sid = ? AND expires > ?`).pluck();
    this.setStmt = db.prepare(`INSERT INTO ${table} (sid, data, expires) VALUES (?, ?, ?)
      ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires = excluded.expires`);
    this.touchStmt = db.prepare(`UPDATE ${table} SET expires = ? WHERE sid = ? AND expires < ?`);
    const destroyStmt = db.prepare(`DELETE FROM ${table} WHERE sid = ?`);
    this.destroyTx = db.transaction((sid: string) => {
      destroyStmt.run(sid);
      onDestroy?.(sid);
    });
  }

  private expiryOf(sess: session.SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : this.now() + DAY;
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    let found: session.SessionData | null;
    try {
      const data = this.getStmt.get(sid, this.now()) as string | undefined;
      found = data ? (JSON.parse(data) as session.SessionData) : null;
    } catch (err) {
      return cb(err);
    }
    cb(null, found);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    callBackOnce(() => this.setStmt.run(sid, JSON.stringify(sess), this.expiryOf(sess)), cb);
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    callBackOnce(() => this.destroyTx(sid), cb);
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    callBackOnce(() => {
      const expires = this.expiryOf(sess);
      this.touchStmt.run(expires, sid, expires - TOUCH_GRANULARITY_MS);
    }, cb);
  }
}
