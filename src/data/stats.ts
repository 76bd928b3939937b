import { AUDIT_EVENTS } from './auditEvents.ts';
import type { Db } from './db.ts';

const HOUR = 60 * 60 * 1000;
const CANDIDATE_EVENTS = JSON.stringify(Object.entries(AUDIT_EVENTS).filter(([, source]) => source === 'candidate').map(([e]) => e));

// The furthest funnel step a candidate reached (0-based), or NULL before the first: whoever reached a step
// counts for every step before it, so the funnel never widens (a seeded or API activation skipped the steps).
const FURTHEST = `(SELECT MAX(CAST(e.key AS INTEGER)) FROM audit a JOIN json_each(@events) e ON e.value = a.event
  WHERE a.candidate_id = c.id AND a.outcome = 'ok')`;
// Only 考生 are expected to activate; 在校生 and 教职工 on the roster are told not to.
const CANDIDATES_OF = `c.account_type = 'candidate' AND (@department = '' OR c.department = @department)`;
const OF_DEPARTMENT = `(@department = '' OR a.candidate_id IN (SELECT id FROM candidates WHERE department = @department))`;

export interface PendingCandidate {
  candidate_no: string;
  name: string;
  major: string | null;
  /** Index into the funnel's events of the furthest step reached, or null when not started. */
  furthest: number | null;
}

/**
 * Read-only figures for the console dashboard, computed from the audit log. A funnel is a list of audit
 * events (outcome ok) in order, given by the caller; '' as department means every 学院.
 */
export function createStats(db: Db) {
  const furthest = db.prepare(`SELECT c.candidate_no, ${FURTHEST} AS furthest FROM candidates c WHERE ${CANDIDATES_OF}`);
  const pending = db.prepare(`SELECT c.candidate_no, c.name, c.major, ${FURTHEST} AS furthest FROM candidates c
    WHERE ${CANDIDATES_OF} AND c.status = 'pending' ORDER BY c.candidate_no LIMIT @limit`);
  const pendingCount = db.prepare(`SELECT COUNT(*) FROM candidates c WHERE ${CANDIDATES_OF} AND c.status = 'pending'`).pluck();
  const topErrors = db.prepare(`SELECT code, COUNT(*) AS count FROM audit a
    WHERE outcome = 'error' AND code IS NOT NULL AND event IN (SELECT value FROM json_each(@candidateEvents)) AND ${OF_DEPARTMENT}
    GROUP BY code ORDER BY count DESC, code LIMIT @limit`);
  // Bound JS numbers are REAL in SQLite, so the division is cast back to a whole slot number.
  const perHour = db.prepare(`SELECT CAST((at - @from) / ${HOUR} AS INTEGER) AS slot, COUNT(*) AS count FROM audit a
    WHERE event = 'ACTIVATED' AND outcome = 'ok' AND at >= @from AND at < @to AND ${OF_DEPARTMENT} GROUP BY slot`);
  const byType = db.prepare(`SELECT account_type, status, COUNT(*) AS count FROM candidates
    WHERE (@department = '' OR department = @department) GROUP BY account_type, status`);

  return {
    /** Every 考生 with the furthest funnel step they reached (an index into the events, null before the first). */
    furthest: (funnelEvents: readonly string[], department: string) =>
      furthest.all({ events: JSON.stringify(funnelEvents), department }) as { candidate_no: string; furthest: number | null }[],
    /** The 考生 of a 学院 who have not activated, with the furthest step each reached. */
    pending(funnelEvents: readonly string[], department: string, limit: number): { rows: PendingCandidate[]; total: number } {
      return {
        rows: pending.all({ events: JSON.stringify(funnelEvents), department, limit }) as PendingCandidate[],
        total: pendingCount.get({ department }) as number,
      };
    },
    /** The error codes candidates were shown most often. */
    topErrors: (department: string, limit = 8) =>
      topErrors.all({ candidateEvents: CANDIDATE_EVENTS, department, limit }) as { code: string; count: number }[],
    /** Activations in each of the `hours` whole hours ending at `until`, oldest first. */
    activationsPerHour(until: number, hours: number, department: string): { start: number; count: number }[] {
      const to = Math.floor(until / HOUR) * HOUR + HOUR;
      const from = to - hours * HOUR;
      const counts = new Map((perHour.all({ from, to, department }) as { slot: number; count: number }[]).map((r) => [r.slot, r.count]));
      return Array.from({ length: hours }, (_, i) => ({ start: from + i * HOUR, count: counts.get(i) ?? 0 }));
    },
    /** Roster counts by account type and status. */
    roster: (department: string) => byType.all({ department }) as { account_type: string; status: string; count: number }[],
  };
}
