import type { Db } from './db.ts';

/**
 * The tables holding candidates and everything done with them, children first. Reset empties them;
 * meta (the generated session secret and API token) and the schema are kept.
 */
export const RESET_TABLES = [
  'sessions', 'sso_sessions', 'challenges', 'outbox', 'audit', 'attempts', 'attempt_locks', 'training_faults', 'roster_staging',
  'roster_uploads', 'candidates',
  // The WeCom app's members and their progress go with the candidates they are (its own tables, src/wecom/).
  'wecom_members', 'wecom_groups', 'wecom_events', 'wecom_codes', 'wecom_faults', 'wecom_sessions', 'wecom_cas_logins',
] as const;

/** Row counts per table, for telling the operator what a reset would delete. */
export function countResettable(db: Db): Record<string, number> {
  return Object.fromEntries(RESET_TABLES.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
}

/** Deletes every candidate and all their progress in one transaction; returns the rows deleted per table. */
export function deleteAllCandidateData(db: Db): Record<string, number> {
  return db.transaction(() => Object.fromEntries(RESET_TABLES.map((t) => [t, db.prepare(`DELETE FROM ${t}`).run().changes])))
    .immediate();
}
