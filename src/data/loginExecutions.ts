import type { Db } from './db.ts';

/** Nonces of login-form execution tokens that were posted once; kept until the token would expire. */
export function createLoginExecutions(db: Db) {
  const used = db.prepare('SELECT 1 FROM login_executions WHERE nonce = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO login_executions (nonce, expires_at) VALUES (?, ?)');
  const prune = db.prepare('DELETE FROM login_executions WHERE expires_at <= ?');
  return {
    wasUsed: (nonce: string) => used.get(nonce) !== undefined,
    /** Records the one use (and forgets expired ones, in the same commit); false when it was used already (two posts of one form racing). */
    use: db.transaction((nonce: string, expiresAt: number, now: number): boolean => {
      prune.run(now);
      return insert.run(nonce, expiresAt).changes === 1;
    }),
  };
}
