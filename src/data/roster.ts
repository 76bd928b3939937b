import { ACCOUNT_LOCK_KINDS } from '../rules/attemptLimits.ts';
import type { Db } from './db.ts';
import type { AccountType, CandidateRow, CandidateStatus } from './candidates.ts';

export type StatusFilter = CandidateStatus | 'locked' | '';

export interface RosterQuery {
  /** 考生号, 姓名, the last 4 of the 证件号码, a phone number or an email address; '' for all. */
  q: string;
  status: StatusFilter;
  /** A 院系 (学院) exactly as on the roster; all when absent or ''. */
  department?: string;
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

const LOCKED = `EXISTS (SELECT 1 FROM attempt_locks l
  WHERE l.kind IN (${ACCOUNT_LOCK_KINDS.map((kind) => `'${kind}'`).join(',')}) AND l.subject = c.candidate_no AND l.until > @now)`;
// instr and substr rather than LIKE, so a typed % or _ is just a character.
const MATCHES = `(@q = '' OR c.candidate_no = @q OR instr(c.name, upper(@q)) > 0
  OR (length(@q) = 4 AND substr(c.id_number, -4) = upper(@q)) OR c.phone = @q OR c.email = @q COLLATE NOCASE)`;
const FILTER = `(@status = '' OR (@status = 'locked' AND ${LOCKED}) OR (@status <> 'locked' AND c.status = @status))
  AND (@department = '' OR c.department = @department)`;

/** The roster as staff and the test-automation API manage it: search, edit, reset. Imports: rosterImport.ts. */
export function createRoster(db: Db) {
  const search = db.prepare(`SELECT c.*, ${LOCKED} AS locked FROM candidates c
    WHERE ${MATCHES} AND ${FILTER} ORDER BY c.candidate_no LIMIT @limit OFFSET @offset`);
  const countMatching = db.prepare(`SELECT COUNT(*) FROM candidates c WHERE ${MATCHES} AND ${FILTER}`).pluck();
  const batchAfter = db.prepare(`SELECT c.*, ${LOCKED} AS locked FROM candidates c
    WHERE ${MATCHES} AND ${FILTER} AND c.candidate_no > @after ORDER BY c.candidate_no LIMIT @limit`);
  const departments = db.prepare(`SELECT DISTINCT department FROM candidates WHERE department IS NOT NULL AND department <> ''
    ORDER BY department`).pluck();
  // Roster fields only: an activated account keeps its phone, email and password.
  const update = db.prepare(`UPDATE candidates SET name = @name, id_type = @idType, id_number = @idNumber,
      department = @department, major = @major, account_type = @accountType, updated_at = @now
    WHERE candidate_no = @candidateNo`);
  const reset = db.prepare(`UPDATE candidates SET status = 'pending', phone = NULL, email = NULL, password_hash = NULL,
      activated_at = NULL, must_reset_password = 0, updated_at = @now WHERE id = @id`);
  const unbindPhone = db.prepare(`UPDATE candidates SET phone = NULL, updated_at = @now
    WHERE id = @id AND status = 'active' AND phone IS NOT NULL`);
  const unbindEmail = db.prepare(`UPDATE candidates SET email = NULL, updated_at = @now
    WHERE id = @id AND status = 'active' AND email IS NOT NULL`);
  const mustReset = db.prepare(`UPDATE candidates SET must_reset_password = 1, updated_at = @now
    WHERE id = @id AND status = 'active'`);
  const setAccountType = db.prepare('UPDATE candidates SET account_type = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM candidates WHERE id = ?');

  return {
    search(query: RosterQuery): { rows: (CandidateRow & { locked: 0 | 1 })[]; total: number } {
      return {
        rows: search.all({ ...query, department: query.department ?? '' }) as (CandidateRow & { locked: 0 | 1 })[],
        total: countMatching.get({ q: query.q, status: query.status, department: query.department ?? '', now: query.now }) as number,
      };
    },
    /** The next matches after a 考生号, in 考生号 order: an export walks the whole roster in batches. */
    batchAfter: (query: Omit<RosterQuery, 'offset'>, after: string) =>
      batchAfter.all({ ...query, department: query.department ?? '', after }) as (CandidateRow & { locked: 0 | 1 })[],
    /** The 院系 on the roster, for the filters. */
    departments: () => departments.all() as string[],
    update: (candidateNo: string, c: RosterChange, now: number) => update.run({ ...c, candidateNo, now }).changes === 1,
    resetActivation: (id: number, now: number) => reset.run({ id, now }).changes === 1,
    /** Frees an active account's phone or email; false when there was none bound. */
    unbind: (id: number, what: 'phone' | 'email', now: number) =>
      (what === 'phone' ? unbindPhone : unbindEmail).run({ id, now }).changes === 1,
    requirePasswordReset: (id: number, now: number) => mustReset.run({ id, now }).changes === 1,
    setAccountType: (id: number, accountType: AccountType, now: number) => setAccountType.run(accountType, now, id).changes === 1,
    remove: (id: number) => remove.run(id).changes === 1,
  };
}
