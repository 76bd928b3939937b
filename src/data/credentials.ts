import type { Db } from './db.ts';

/** Password changes of active accounts (忘记密码); a new password also clears the staff's reset demand. */
export function createCredentials(db: Db) {
  const replace = db.prepare(`UPDATE candidates
      SET password_hash = @passwordHash, must_reset_password = 0, updated_at = @now
    WHERE id = @id AND status = 'active'`);
  return {
    /** false when the account is not active. */
    replacePassword: (c: { id: number; passwordHash: string; now: number }) => replace.run(c).changes === 1,
  };
}
