import type { Db } from './db.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Longer than every counting window (the longest configurable one is a day), so pruning never changes a verdict. */
export const KEEP_EXPIRED_MS = 2 * DAY;

/** Deletes what has expired for good, so the tables of a long-running portal do not grow without bound. */
export function createHousekeeping(db: Db) {
  const statements = [
    ['sessions', db.prepare('DELETE FROM sessions WHERE expires <= @now')],
    ['captchas', db.prepare('DELETE FROM captchas WHERE expires_at <= @now')],
    ['login_executions', db.prepare('DELETE FROM login_executions WHERE expires_at <= @now')],
    ['attempt_locks', db.prepare('DELETE FROM attempt_locks WHERE until <= @now')],
    ['attempts', db.prepare('DELETE FROM attempts WHERE at < @before')],
    // Codes count towards the hourly and daily send limits until they are a day old.
    ['challenges', db.prepare('DELETE FROM challenges WHERE created_at < @before')],
    // Service tickets go with their SSO session (ON DELETE CASCADE); an open session keeps them for single logout.
    ['sso_sessions', db.prepare(`DELETE FROM sso_sessions
      WHERE (ended_at IS NOT NULL AND ended_at < @before) OR expires_at < @before`)],
  ] as const;

  return {
    /** Returns how many rows each table lost. */
    pruneExpired(now: number): Record<string, number> {
      const params = { now, before: now - KEEP_EXPIRED_MS };
      return db.transaction(() =>
        Object.fromEntries(statements.map(([table, statement]) => [table, statement.run(params).changes])),
      ).immediate();
    },
  };
}
