import type { AttemptCounts, AttemptKind, CountedPer, LockScope } from '../rules/attemptLimits.ts';
import type { Db } from './db.ts';

/** Who makes an attempt at what: the subject guessed at (user name, 考生号, code id), from where, in which session. */
export interface AttemptKey {
  kind: AttemptKind;
  subject: string;
  address: string;
  session: string;
}

export interface LockRow {
  kind: AttemptKind;
  /** '' when the lock holds from every address. */
  address: string;
  until: number;
}

/** The attempt limiter's rows: attempts (in flight or failed) and locks. Decisions are in rules/attemptLimits.ts. */
export function createAttempts(db: Db) {
  const insert = db.prepare(`INSERT INTO attempts (kind, subject, address, session, at, state)
    VALUES (@kind, @subject, @address, @session, @at, @state)`);
  // By the subject: everything the lock and the wait are decided on, from the index on (kind, subject, …).
  const countSubject = db.prepare(`SELECT COUNT(*) AS subject, COUNT(*) FILTER (WHERE address = @address) AS subjectAddress,
      COUNT(*) FILTER (WHERE state = 'failed') AS failedSubject,
      COUNT(*) FILTER (WHERE state = 'failed' AND address = @address) AS failedSubjectAddress
    FROM attempts WHERE kind = @kind AND subject = @subject AND at > @since`);
  const failedAddress = db.prepare(`SELECT COUNT(*) FROM attempts WHERE kind = @kind AND address = @address AND at > @since AND state = 'failed'`).pluck();
  const countSession = db.prepare('SELECT COUNT(*) FROM attempts WHERE kind = @kind AND session = @session AND at > @since').pluck();
  const lastAt = db.prepare('SELECT MAX(at) FROM attempts WHERE kind = ? AND subject = ?').pluck();
  const markFailed = db.prepare(`UPDATE attempts SET state = 'failed' WHERE id = ?`);
  const remove = db.prepare('DELETE FROM attempts WHERE id = ?');
  // Attempts still in flight stay: they count until their own outcome is known.
  const clearFailures = db.prepare(`DELETE FROM attempts WHERE kind = ? AND subject = ? AND state = 'failed'`);
  const upsertLock = db.prepare(`INSERT INTO attempt_locks (kind, subject, address, until) VALUES (?, ?, ?, ?)
    ON CONFLICT (kind, subject, address) DO UPDATE SET until = MAX(until, excluded.until)`);
  const lockUntil = db.prepare(`SELECT MAX(until) FROM attempt_locks
    WHERE kind = ? AND subject = ? AND address IN (?, '') AND until > ?`).pluck();
  const locksOfSubject = db.prepare('SELECT kind, address, until FROM attempt_locks WHERE subject = ? AND until > ? ORDER BY until');
  const removeLocks = db.prepare('DELETE FROM attempt_locks WHERE kind = ? AND subject = ?');

  return {
    /** The counts in the window; per address and per session only where `per` asks (each scans a whole address or session). */
    counts(key: AttemptKey, since: number, per: CountedPer): AttemptCounts {
      const params = { kind: key.kind, subject: key.subject, address: key.address, since };
      const bySubject = countSubject.get(params) as { subject: number; subjectAddress: number; failedSubject: number; failedSubjectAddress: number };
      return {
        subjectAddress: bySubject.subjectAddress,
        subject: bySubject.subject,
        session: per.session ? (countSession.get({ kind: key.kind, session: key.session, since }) as number) : 0,
        failed: {
          subjectAddress: bySubject.failedSubjectAddress,
          subject: bySubject.failedSubject,
          address: per.address ? (failedAddress.get(params) as number) : 0,
        },
      };
    },
    /** When the subject's latest attempt of this kind was, or null. */
    lastAt: (kind: AttemptKind, subject: string) => lastAt.get(kind, subject) as number | null,
    /** Takes a slot for an attempt about to be checked; returns its id. */
    reserve: (key: AttemptKey, at: number) => Number(insert.run({ ...key, at, state: 'pending' }).lastInsertRowid),
    /** Records a failure that needed no check (a wrong captcha). */
    recordFailure: (key: AttemptKey, at: number) => {
      insert.run({ ...key, at, state: 'failed' });
    },
    markFailed: (id: number) => {
      markFailed.run(id);
    },
    remove: (id: number) => {
      remove.run(id);
    },
    clearFailures: (kind: AttemptKind, subject: string) => {
      clearFailures.run(kind, subject);
    },
    lock(key: AttemptKey, scope: LockScope, until: number): void {
      upsertLock.run(key.kind, key.subject, scope === 'everywhere' ? '' : key.address, until);
    },
    /** The end of a lock that holds for this subject from this address (or from everywhere), or undefined. */
    lockedUntil: (kind: AttemptKind, subject: string, address: string, now: number) =>
      (lockUntil.get(kind, subject, address, now) as number | null) ?? undefined,
    /** Every lock in force on a subject (a 考生号), from any address. */
    locksOf: (subject: string, now: number) => locksOfSubject.all(subject, now) as LockRow[],
    /** Lifts the locks and forgets the failures of these kinds for a subject; true when a lock was lifted. */
    unlock(kinds: readonly AttemptKind[], subject: string): boolean {
      let lifted = 0;
      for (const kind of kinds) {
        lifted += removeLocks.run(kind, subject).changes;
        clearFailures.run(kind, subject);
      }
      return lifted > 0;
    },
  };
}

export type Attempts = ReturnType<typeof createAttempts>;
