import type { Db } from './db.ts';

/** Failure counters over sliding windows, and timed locks (identity checks, later logins). */
export function createThrottle(db: Db) {
  const insertEvent = db.prepare('INSERT INTO throttle_events (kind, key, at) VALUES (?, ?, ?)');
  const countSince = db.prepare('SELECT COUNT(*) FROM throttle_events WHERE kind = ? AND key = ? AND at > ?').pluck();
  const clearEvents = db.prepare('DELETE FROM throttle_events WHERE kind = ? AND key = ?');
  const pruneEvents = db.prepare('DELETE FROM throttle_events WHERE at < ?');
  const upsertLock = db.prepare(`INSERT INTO locks (kind, key, until) VALUES (?, ?, ?)
    ON CONFLICT (kind, key) DO UPDATE SET until = MAX(until, excluded.until)`);
  const lockUntil = db.prepare('SELECT until FROM locks WHERE kind = ? AND key = ? AND until > ?').pluck();
  const removeLock = db.prepare('DELETE FROM locks WHERE kind = ? AND key = ?');

  return {
    /** Records a failure and returns how many fall inside the window, this one included. */
    recordFailure(kind: string, key: string, now: number, windowMs: number): number {
      insertEvent.run(kind, key, now);
      return countSince.get(kind, key, now - windowMs) as number;
    },
    failuresSince: (kind: string, key: string, since: number) => countSince.get(kind, key, since) as number,
    clearFailures: (kind: string, key: string) => {
      clearEvents.run(kind, key);
    },
    prune: (before: number) => pruneEvents.run(before).changes,
    lock: (kind: string, key: string, until: number) => {
      upsertLock.run(kind, key, until);
    },
    /** The end of an active lock, or undefined. */
    lockedUntil: (kind: string, key: string, now: number) => lockUntil.get(kind, key, now) as number | undefined,
    unlock: (kind: string, key: string) => removeLock.run(kind, key).changes > 0,
  };
}
