import { AUDIT_EVENTS, type AuditEvent } from './auditEvents.ts';
import type { Db } from './db.ts';

export interface AuditEntry {
  at: number;
  event: AuditEvent;
  outcome: 'ok' | 'error';
  candidateId?: number | null;
  candidateNo?: string | null;
  /** A PortalError/text code such as IDENTITY_MISMATCH: the UI, the API and this log share it. */
  code?: string | null;
  params?: Record<string, unknown> | null;
  ip?: string | null;
  actor?: string | null;
}

export interface AuditRow {
  id: number;
  at: number;
  candidate_id: number | null;
  candidate_no: string | null;
  event: string;
  outcome: 'ok' | 'error';
  code: string | null;
  params: string | null;
  ip: string | null;
  actor: string | null;
}

export interface StaffLogQuery {
  /** A staff user name, or '' for everyone. */
  actor: string;
  /** [from, to) in UTC milliseconds. */
  from: number;
  to: number;
  limit: number;
  offset: number;
}

// What staff did in the console: their own events, by a named person (not the API or the command line). The
// per-candidate rows of a roster import are left out: the import itself is one entry (STAFF_IMPORT).
const STAFF_EVENTS = JSON.stringify(Object.entries(AUDIT_EVENTS).filter(([e, source]) => source === 'staff' && !e.startsWith('ROSTER_')).map(([e]) => e));
const STAFF_LOG_WHERE = `event IN (SELECT value FROM json_each(@events)) AND actor IS NOT NULL AND actor NOT IN ('api', 'cli')
  AND (@actor = '' OR actor = @actor) AND at >= @from AND at < @to`;

/** The append-only record of every attempt and every change of an account. */
export function createAudit(db: Db) {
  const staffLog = db.prepare(`SELECT * FROM audit WHERE ${STAFF_LOG_WHERE} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`);
  const staffLogCount = db.prepare(`SELECT COUNT(*) FROM audit WHERE ${STAFF_LOG_WHERE}`).pluck();
  const insert = db.prepare(`INSERT INTO audit (at, candidate_id, candidate_no, event, outcome, code, params, ip, actor)
    VALUES (@at, @candidateId, @candidateNo, @event, @outcome, @code, @params, @ip, @actor)`);
  const forCandidate = db.prepare(
    'SELECT * FROM audit WHERE candidate_id = ? OR candidate_no = ? ORDER BY at, id',
  );
  return {
    record(e: AuditEntry): void {
      insert.run({
        candidateId: null,
        candidateNo: null,
        code: null,
        ip: null,
        actor: null,
        ...e,
        params: e.params ? JSON.stringify(e.params) : null,
      });
    },
    forCandidate: (candidateId: number, candidateNo: string) =>
      forCandidate.all(candidateId, candidateNo) as AuditRow[],
    /** Every staff action in the console, newest first, for the staff audit log. */
    staffLog(q: StaffLogQuery): { rows: AuditRow[]; total: number } {
      const { limit, offset, ...where } = q;
      return {
        rows: staffLog.all({ ...q, events: STAFF_EVENTS }) as AuditRow[],
        total: staffLogCount.get({ ...where, events: STAFF_EVENTS }) as number,
      };
    },
  };
}
