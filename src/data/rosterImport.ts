import type { Db } from './db.ts';
import type { NewCandidate } from './candidates.ts';

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const STAGED = 's.import_id = @importId';
const SAME = `c.name = s.name AND c.id_type = s.id_type AND c.id_number = s.id_number AND c.department IS s.department
  AND c.major IS s.major AND c.account_type = s.account_type`;

/**
 * Staging and applying a roster import. Rows are staged in short batches while the file streams in; the
 * import applies them with set-based statements in one transaction, so memory stays flat at any size.
 */
export function createRosterImport(db: Db) {
  const stage = db.prepare(`INSERT OR IGNORE INTO roster_staging
      (import_id, candidate_no, line, name, id_type, id_number, department, major, account_type)
    VALUES (@importId, @candidateNo, @line, @name, @idType, @idNumber, @department, @major, @accountType)`);
  const firstLine = db.prepare('SELECT line FROM roster_staging WHERE import_id = ? AND candidate_no = ?').pluck();
  const count = db.prepare(`SELECT
      COALESCE(SUM(c.id IS NULL), 0) AS inserted,
      COALESCE(SUM(c.id IS NOT NULL AND NOT (${SAME})), 0) AS updated,
      COALESCE(SUM(c.id IS NOT NULL AND ${SAME}), 0) AS unchanged
    FROM roster_staging s LEFT JOIN candidates c ON c.candidate_no = s.candidate_no WHERE ${STAGED}`);
  const auditUpdated = db.prepare(`INSERT INTO audit (at, candidate_id, candidate_no, event, outcome, actor)
    SELECT @now, c.id, c.candidate_no, 'ROSTER_UPDATED', 'ok', @actor
    FROM roster_staging s JOIN candidates c ON c.candidate_no = s.candidate_no WHERE ${STAGED} AND NOT (${SAME})`);
  // Roster fields only: an activated account keeps its phone, email and password.
  const update = db.prepare(`UPDATE candidates AS c SET name = s.name, id_type = s.id_type, id_number = s.id_number,
      department = s.department, major = s.major, account_type = s.account_type, updated_at = @now
    FROM roster_staging s WHERE ${STAGED} AND c.candidate_no = s.candidate_no AND NOT (${SAME})`);
  const markNew = db.prepare(`UPDATE roster_staging SET line = -line
    WHERE import_id = @importId AND candidate_no NOT IN (SELECT candidate_no FROM candidates)`);
  const insert = db.prepare(`INSERT INTO candidates
      (candidate_no, name, id_type, id_number, department, major, account_type, created_at, updated_at)
    SELECT candidate_no, name, id_type, id_number, department, major, account_type, @now, @now
    FROM roster_staging s WHERE ${STAGED} AND s.line < 0`);
  const auditInserted = db.prepare(`INSERT INTO audit (at, candidate_id, candidate_no, event, outcome, actor)
    SELECT @now, c.id, c.candidate_no, 'ROSTER_INSERTED', 'ok', @actor
    FROM roster_staging s JOIN candidates c ON c.candidate_no = s.candidate_no WHERE ${STAGED} AND s.line < 0`);
  const discard = db.prepare('DELETE FROM roster_staging WHERE import_id = ?');

  return {
    /** Stages one valid row; returns the line of an earlier row with the same 考生号 instead, if there is one. */
    stage(importId: string, line: number, c: NewCandidate): number | undefined {
      const changes = stage.run({
        importId, line, department: null, major: null, accountType: 'candidate', ...c,
      }).changes;
      return changes === 1 ? undefined : (firstLine.get(importId, c.candidateNo) as number);
    },
    counts: (importId: string) => count.get({ importId }) as ImportCounts,
    /** Applies the staged rows; call inside store.transaction. */
    apply(importId: string, actor: string, now: number): ImportCounts {
      const counts = count.get({ importId }) as ImportCounts;
      const params = { importId, actor, now };
      auditUpdated.run(params);
      update.run(params);
      markNew.run({ importId });
      insert.run(params);
      auditInserted.run(params);
      discard.run(importId);
      return counts;
    },
    discard: (importId: string) => {
      discard.run(importId);
    },
  };
}
