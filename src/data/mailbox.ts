import type { Db } from './db.ts';
import type { OutboxRow } from './outbox.ts';

/**
 * The outbox as the console and the API read it. A message whose created_at lies ahead (a delayed SMS
 * in a training exercise) has not arrived yet and is not listed.
 */
export function createMailbox(db: Db) {
  const newestFirst = 'ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset';
  const all = db.prepare(`SELECT * FROM outbox WHERE created_at <= @now ${newestFirst}`);
  // One recipient's from outbox_by_recipient_nocase, never a scan of every message.
  const to = db.prepare(`SELECT * FROM outbox WHERE recipient = @to COLLATE NOCASE AND created_at <= @now ${newestFirst}`);
  const countAll = db.prepare('SELECT COUNT(*) FROM outbox WHERE created_at <= @now').pluck();
  const countTo = db.prepare('SELECT COUNT(*) FROM outbox WHERE recipient = @to COLLATE NOCASE AND created_at <= @now').pluck();
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ? AND created_at <= ?');
  const toCandidate = db.prepare(`SELECT * FROM outbox WHERE recipient IN
    (SELECT DISTINCT target FROM challenges WHERE candidate_id = ?) ORDER BY created_at, id`);
  const removeTo = db.prepare(`DELETE FROM outbox WHERE (@to = '' OR recipient = @to COLLATE NOCASE)`);

  return {
    /** A page of the messages that have arrived, to one recipient (any case) or to anyone (`to` ''). */
    list: (q: { to: string; limit: number; offset: number; now: number }) => (q.to === '' ? all : to).all(q) as OutboxRow[],
    /** How many messages have arrived, to one recipient or to anyone. */
    count: (q: { to: string; now: number }) => (q.to === '' ? countAll : countTo).get(q) as number,
    findArrived: (id: number, now: number) => byId.get(id, now) as OutboxRow | undefined,
    /**
     * Every message sent to an address this candidate asked a code for, including a delayed SMS that has not
     * arrived yet: the timeline marks those as not delivered, which is what the help desk needs to see.
     */
    forCandidate: (candidateId: number) => toCandidate.all(candidateId) as OutboxRow[],
    /** Deletes every message, or only those to one recipient; returns how many. */
    remove: (to = '') => removeTo.run({ to }).changes,
  };
}
