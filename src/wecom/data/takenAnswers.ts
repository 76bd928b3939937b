import type { Db } from './db.ts';

/** The "number taken" answers each member got, and the locks they ended in; decisions are in rules/takenAnswers.ts. */
export function createTakenAnswers(db: Db) {
  const insert = db.prepare('INSERT INTO wecom_taken_answers (uid, at) VALUES (?, ?)');
  const countSince = db.prepare('SELECT COUNT(*) FROM wecom_taken_answers WHERE uid = ? AND at > ?').pluck();
  const lock = db.prepare('UPDATE wecom_taken_answers SET locked_until = ? WHERE id = ?');
  const lockedUntil = db.prepare('SELECT MAX(locked_until) FROM wecom_taken_answers WHERE uid = ? AND locked_until > ?').pluck();
  return {
    /** Returns the answer's id. */
    record: (uid: string, at: number): number => Number(insert.run(uid, at).lastInsertRowid),
    countSince: (uid: string, since: number) => countSince.get(uid, since) as number,
    lock: (id: number, until: number) => void lock.run(until, id),
    /** The end of the lock on the member's look-ups, or undefined when none holds at `now`. */
    lockedUntil: (uid: string, now: number) => (lockedUntil.get(uid, now) as number | null) ?? undefined,
  };
}
