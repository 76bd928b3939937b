import type { Db } from './db.ts';

export type CodePurpose = 'verify' | 'app_login' | 'change_phone';

export interface CodeRow {
  id: number;
  uid: string;
  purpose: CodePurpose;
  phone: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  attempts: number;
  used_at: number | null;
}

/** The app's SMS codes, stored only as hashes; the counts behind the cooldown and the caps (rules/codeSendLimits.ts). */
export function createCodes(db: Db) {
  // A new code voids the member's older unused ones for the same purpose, so only the latest works.
  const voidOlder = db.prepare('UPDATE wecom_codes SET used_at = @now WHERE uid = @uid AND purpose = @purpose AND used_at IS NULL');
  const insert = db.prepare(`INSERT INTO wecom_codes (uid, purpose, phone, code_hash, created_at, expires_at)
    VALUES (@uid, @purpose, @phone, @codeHash, @now, @expiresAt)`);
  const latestOpen = db.prepare(`SELECT * FROM wecom_codes
    WHERE uid = ? AND purpose = ? AND phone = ? AND used_at IS NULL ORDER BY id DESC LIMIT 1`);
  const countAttempt = db.prepare('UPDATE wecom_codes SET attempts = attempts + 1 WHERE id = ? RETURNING attempts').pluck();
  const consume = db.prepare('UPDATE wecom_codes SET used_at = ? WHERE id = ? AND used_at IS NULL');
  const sentToPhoneSince = db.prepare('SELECT COUNT(*) FROM wecom_codes WHERE phone = ? AND created_at > ?').pluck();
  const sentByMemberToPhoneSince = db.prepare('SELECT COUNT(*) FROM wecom_codes WHERE uid = ? AND phone = ? AND created_at > ?').pluck();
  const lastSentByMember = db.prepare('SELECT MAX(created_at) FROM wecom_codes WHERE uid = ? AND purpose = ?').pluck();

  return {
    create: db.transaction((c: { uid: string; purpose: CodePurpose; phone: string; codeHash: string; now: number; expiresAt: number }): number => {
      voidOlder.run(c);
      return Number(insert.run(c).lastInsertRowid);
    }),
    latestOpen: (uid: string, purpose: CodePurpose, phone: string) => latestOpen.get(uid, purpose, phone) as CodeRow | undefined,
    /** Counts one attempt in its own statement and returns the new count. */
    countAttempt: (id: number) => countAttempt.get(id) as number,
    /** false when another request used it first. */
    consume: (id: number, now: number) => consume.run(now, id).changes === 1,
    sentToPhoneSince: (phone: string, since: number) => sentToPhoneSince.get(phone, since) as number,
    sentByMemberToPhoneSince: (uid: string, phone: string, since: number) => sentByMemberToPhoneSince.get(uid, phone, since) as number,
    lastSentByMember: (uid: string, purpose: CodePurpose) => lastSentByMember.get(uid, purpose) as number | null,
  };
}
