import { SESSION_COOKIE } from '../../src/web/session.ts';
import type { TestPortal } from './portal.ts';

/** Every audit row but the seed's, as "EVENT:outcome:CODE", oldest first. */
export function auditTrail(portal: TestPortal): string[] {
  const rows = portal.db.prepare("SELECT event, outcome, code FROM audit WHERE actor IS NOT 'seed' ORDER BY id").all() as {
    event: string; outcome: string; code: string | null;
  }[];
  return rows.map((r) => `${r.event}:${r.outcome}:${r.code ?? ''}`);
}

/** How many rows a table holds: the quickest way to show that nothing was written. */
export function rowCount(portal: TestPortal, table: 'challenges' | 'outbox' | 'audit' | 'attempts' | 'attempt_locks'): number {
  return portal.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}

export function candidate(portal: TestPortal, candidateNo: string) {
  const row = portal.store.candidates.findByCandidateNo(candidateNo);
  if (!row) throw new Error(`no candidate ${candidateNo}`);
  return row;
}

/** The session id cookie a response sets, if any. */
export function sessionCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
