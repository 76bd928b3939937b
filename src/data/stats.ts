import type { Db } from './db.ts';

const HOUR = 60 * 60 * 1000;

/** Read-only figures for the console dashboard, computed from the audit log. */
export function createStats(db: Db) {
  const reached = db.prepare(`SELECT COUNT(DISTINCT candidate_id) FROM audit
    WHERE event = ? AND outcome = 'ok' AND candidate_id IS NOT NULL`).pluck();
  const topErrors = db.prepare(`SELECT code, COUNT(*) AS count FROM audit
    WHERE outcome = 'error' AND code IS NOT NULL GROUP BY code ORDER BY count DESC, code LIMIT ?`);
  // Bound JS numbers are REAL in SQLite, so the division is cast back to a whole slot number.
  const perHour = db.prepare(`SELECT CAST((at - @from) / ${HOUR} AS INTEGER) AS slot, COUNT(*) AS count FROM audit
    WHERE event = 'ACTIVATED' AND outcome = 'ok' AND at >= @from AND at < @to GROUP BY slot`);
  const byStatus = db.prepare('SELECT status, COUNT(*) AS count FROM candidates GROUP BY status');

  return {
    /** How many candidates reached each of these audit events (outcome ok), in the order given. */
    funnel: (events: readonly string[]) => events.map((event) => ({ event, count: reached.get(event) as number })),
    topErrors: (limit = 8) => topErrors.all(limit) as { code: string; count: number }[],
    /** Activations in each of the `hours` whole hours ending at `until`, oldest first. */
    activationsPerHour(until: number, hours: number): { start: number; count: number }[] {
      const to = Math.floor(until / HOUR) * HOUR + HOUR;
      const from = to - hours * HOUR;
      const counts = new Map((perHour.all({ from, to }) as { slot: number; count: number }[]).map((r) => [r.slot, r.count]));
      return Array.from({ length: hours }, (_, i) => ({ start: from + i * HOUR, count: counts.get(i) ?? 0 }));
    },
    candidatesByStatus: () => byStatus.all() as { status: string; count: number }[],
  };
}
