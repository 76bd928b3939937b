import type { Db } from './db.ts';
import type { AccountType, CandidateRow, CandidateStatus, NewCandidate } from './candidates.ts';

export type StatusFilter = CandidateStatus | 'locked' | '';

export interface RosterQuery {
  /** 考生号, 姓名, the last 4 of the 证件号码, a phone number or an email address; '' for all. */
  q: string;
  status: StatusFilter;
  limit: number;
  offset: number;
  now: number;
}

export interface RosterChange {
  name: string;
  idType: CandidateRow['id_type'];
  idNumber: string;
  department: string | null;
  major: string | null;
  accountType: AccountType;
}

export type ImportOutcome = 'inserted' | 'updated' | 'unchanged';

const LOCKED = `EXISTS (SELECT 1 FROM locks l WHERE l.kind IN ('identity','login') AND l.key = c.candidate_no AND l.until > @now)`;
const MATCHES = `(@q = '' OR c.candidate_no = @q OR c.name LIKE '%' || @q || '%'
  OR (length(@q) = 4 AND c.id_number LIKE '%' || @q) OR c.phone = @q OR c.email = @q COLLATE NOCASE)`;
const FILTER = `(@status = '' OR (@status = 'locked' AND ${LOCKED}) OR (@status <> 'locked' AND c.status = @status))`;

/** The roster as staff and the test-automation API manage it: search, edit, reset, import. */
export function createRoster(db: Db) {
  const search = db.prepare(`SELECT c.*, ${LOCKED} AS locked FROM candidates c
    WHERE ${MATCHES} AND ${FILTER} ORDER BY c.candidate_no LIMIT @limit OFFSET @offset`);
  const countMatching = db.prepare(`SELECT COUNT(*) FROM candidates c WHERE ${MATCHES} AND ${FILTER}`).pluck();
  const byNo = db.prepare('SELECT * FROM candidates WHERE candidate_no = ?');
  const insert = db.prepare(`INSERT INTO candidates
      (candidate_no, name, id_type, id_number, department, major, account_type, created_at, updated_at)
    VALUES (@candidateNo, @name, @idType, @idNumber, @department, @major, @accountType, @now, @now)`);
  // Roster fields only: an activated account keeps its phone, email and password.
  const update = db.prepare(`UPDATE candidates SET name = @name, id_type = @idType, id_number = @idNumber,
      department = @department, major = @major, account_type = @accountType, updated_at = @now
    WHERE candidate_no = @candidateNo`);
  const reset = db.prepare(`UPDATE candidates SET status = 'pending', phone = NULL, email = NULL, password_hash = NULL,
      activated_at = NULL, must_reset_password = 0, updated_at = @now WHERE id = @id`);
  const mustReset = db.prepare(`UPDATE candidates SET must_reset_password = 1, updated_at = @now
    WHERE id = @id AND status = 'active'`);
  const setAccountType = db.prepare('UPDATE candidates SET account_type = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM candidates WHERE id = ?');
  const removeAll = db.prepare('DELETE FROM candidates');

  const sameRoster = (row: CandidateRow, c: RosterChange) =>
    row.name === c.name && row.id_type === c.idType && row.id_number === c.idNumber && row.department === c.department
    && row.major === c.major && row.account_type === c.accountType;

  return {
    search(query: RosterQuery): { rows: (CandidateRow & { locked: 0 | 1 })[]; total: number } {
      return {
        rows: search.all(query) as (CandidateRow & { locked: 0 | 1 })[],
        total: countMatching.get({ q: query.q, status: query.status, now: query.now }) as number,
      };
    },
    /** Inserts a new candidate or updates a changed one; call inside store.transaction for a batch. */
    upsert(c: NewCandidate, now: number): ImportOutcome {
      const change: RosterChange = {
        name: c.name, idType: c.idType, idNumber: c.idNumber,
        department: c.department ?? null, major: c.major ?? null, accountType: c.accountType ?? 'candidate',
      };
      const row = byNo.get(c.candidateNo) as CandidateRow | undefined;
      if (!row) {
        insert.run({ ...change, candidateNo: c.candidateNo, now });
        return 'inserted';
      }
      if (sameRoster(row, change)) return 'unchanged';
      update.run({ ...change, candidateNo: c.candidateNo, now });
      return 'updated';
    },
    update: (candidateNo: string, c: RosterChange, now: number) => update.run({ ...c, candidateNo, now }).changes === 1,
    resetActivation: (id: number, now: number) => reset.run({ id, now }).changes === 1,
    requirePasswordReset: (id: number, now: number) => mustReset.run({ id, now }).changes === 1,
    setAccountType: (id: number, accountType: AccountType, now: number) => setAccountType.run(accountType, now, id).changes === 1,
    remove: (id: number) => remove.run(id).changes === 1,
    removeAll: () => removeAll.run().changes,
  };
}
