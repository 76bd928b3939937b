import type { Db } from './db.ts';
import type { IdType } from '../rules/idDocuments.ts';

export type AccountType = 'candidate' | 'student' | 'staff';
export type CandidateStatus = 'pending' | 'active';

export interface CandidateRow {
  id: number;
  candidate_no: string;
  name: string;
  id_type: IdType;
  id_number: string;
  department: string | null;
  major: string | null;
  account_type: AccountType;
  status: CandidateStatus;
  phone: string | null;
  email: string | null;
  password_hash: string | null;
  activated_at: number | null;
  must_reset_password: 0 | 1;
  created_at: number;
  updated_at: number;
}

export interface NewCandidate {
  candidateNo: string;
  name: string;
  idType: IdType;
  idNumber: string;
  department?: string | null;
  major?: string | null;
  accountType?: AccountType;
}

export interface Activation {
  id: number;
  phone: string;
  email: string;
  passwordHash: string;
  now: number;
}

export class UniqueViolation extends Error {
  constructor(readonly column: 'phone' | 'email' | 'candidate_no') {
    super(`unique violation on ${column}`);
  }
}

/** Maps SQLite's unique-constraint error to the column, so callers can say which value is taken. */
function uniqueColumnOf(err: unknown): UniqueViolation['column'] | undefined {
  const message = err instanceof Error ? err.message : '';
  const match = /UNIQUE constraint failed: candidates\.(phone|email|candidate_no)/.exec(message);
  return match?.[1] as UniqueViolation['column'] | undefined;
}

export function createCandidates(db: Db) {
  const byNo = db.prepare('SELECT * FROM candidates WHERE candidate_no = ?');
  const byId = db.prepare('SELECT * FROM candidates WHERE id = ?');
  const byPhone = db.prepare('SELECT * FROM candidates WHERE phone = ?');
  const byEmail = db.prepare('SELECT * FROM candidates WHERE email = ?');
  const insert = db.prepare(`INSERT INTO candidates
      (candidate_no, name, id_type, id_number, department, major, account_type, created_at, updated_at)
    VALUES (@candidateNo, @name, @idType, @idNumber, @department, @major, @accountType, @now, @now)`);
  // The status guard makes racing activations end with exactly one.
  const activate = db.prepare(`UPDATE candidates
      SET status = 'active', phone = @phone, email = @email, password_hash = @passwordHash,
          activated_at = @now, updated_at = @now
    WHERE id = @id AND status = 'pending'`);
  const count = db.prepare('SELECT COUNT(*) FROM candidates').pluck();

  return {
    findByCandidateNo: (candidateNo: string) => byNo.get(candidateNo) as CandidateRow | undefined,
    findById: (id: number) => byId.get(id) as CandidateRow | undefined,
    findByPhone: (phone: string) => byPhone.get(phone) as CandidateRow | undefined,
    findByEmail: (email: string) => byEmail.get(email) as CandidateRow | undefined,
    count: () => count.get() as number,
    insert(c: NewCandidate, now: number): CandidateRow {
      try {
        const { lastInsertRowid } = insert.run({
          department: null,
          major: null,
          accountType: 'candidate',
          ...c,
          now,
        });
        return byId.get(lastInsertRowid) as CandidateRow;
      } catch (err) {
        const column = uniqueColumnOf(err);
        if (column) throw new UniqueViolation(column);
        throw err;
      }
    },
    /** false when the candidate is no longer pending (someone else finished first). */
    activate(a: Activation): boolean {
      try {
        return activate.run(a).changes === 1;
      } catch (err) {
        const column = uniqueColumnOf(err);
        if (column) throw new UniqueViolation(column);
        throw err;
      }
    },
  };
}
