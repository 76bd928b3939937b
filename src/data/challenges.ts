import type { Db } from './db.ts';

export type Channel = 'sms' | 'email';
export type ChallengePurpose = 'activation' | 'recovery' | 'login';

export interface ChallengeRow {
  id: number;
  candidate_id: number;
  channel: Channel;
  purpose: ChallengePurpose;
  target: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface NewChallenge {
  candidateId: number;
  channel: Channel;
  purpose: ChallengePurpose;
  target: string;
  codeHash: string;
  now: number;
  expiresAt: number;
}

/** Verification codes, stored only as hashes. */
export function createChallenges(db: Db) {
  const insert = db.prepare(`INSERT INTO challenges
      (candidate_id, channel, purpose, target, code_hash, created_at, expires_at)
    VALUES (@candidateId, @channel, @purpose, @target, @codeHash, @now, @expiresAt)`);
  // A new code voids the candidate's older unused ones for this channel and purpose, so only the latest works.
  const voidOlder = db.prepare(`UPDATE challenges SET used_at = @now
    WHERE candidate_id = @candidateId AND channel = @channel AND purpose = @purpose AND used_at IS NULL`);
  const latestOpen = db.prepare(`SELECT * FROM challenges
    WHERE candidate_id = ? AND channel = ? AND purpose = ? AND target = ? AND used_at IS NULL
    ORDER BY id DESC LIMIT 1`);
  const consume = db.prepare('UPDATE challenges SET used_at = ? WHERE id = ? AND used_at IS NULL');
  const sentToTargetSince = db.prepare(
    'SELECT COUNT(*) FROM challenges WHERE channel = ? AND target = ? AND created_at > ?',
  ).pluck();
  const sentByCandidateToTargetSince = db.prepare(
    'SELECT COUNT(*) FROM challenges WHERE candidate_id = ? AND channel = ? AND target = ? AND created_at > ?',
  ).pluck();
  const lastSentByCandidate = db.prepare(
    'SELECT MAX(created_at) FROM challenges WHERE candidate_id = ? AND channel = ? AND purpose = ?',
  ).pluck();

  return {
    create: db.transaction((c: NewChallenge): number => {
      voidOlder.run(c);
      return Number(insert.run(c).lastInsertRowid);
    }),
    latestOpen: (candidateId: number, channel: Channel, purpose: ChallengePurpose, target: string) =>
      latestOpen.get(candidateId, channel, purpose, target) as ChallengeRow | undefined,
    /** false when another request used it first. */
    consume: (id: number, now: number) => consume.run(now, id).changes === 1,
    sentToTargetSince: (channel: Channel, target: string, since: number) =>
      sentToTargetSince.get(channel, target, since) as number,
    sentByCandidateToTargetSince: (candidateId: number, channel: Channel, target: string, since: number) =>
      sentByCandidateToTargetSince.get(candidateId, channel, target, since) as number,
    lastSentByCandidate: (candidateId: number, channel: Channel, purpose: ChallengePurpose) =>
      lastSentByCandidate.get(candidateId, channel, purpose) as number | null,
  };
}
