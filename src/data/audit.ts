import type { Db } from './db.ts';

export interface AuditEntry {
  at: number;
  event: string;
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

/** The append-only record of every attempt and every change of an account. */
export function createAudit(db: Db) {
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
  };
}
