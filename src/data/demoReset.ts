import type { Db } from './db.ts';

/**
 * Empties what training and tests change — the roster with its codes and SSO sessions, the outbox, the
 * audit log, throttles, faults — and ends every candidate-side web session (ids are reused after this).
 * Staff accounts and console sessions stay. The caller reseeds the demo roster in the same transaction.
 */
export function createDemoReset(db: Db) {
  const statements = [
    'DELETE FROM candidates',
    'DELETE FROM outbox',
    'DELETE FROM audit',
    'DELETE FROM throttle_events',
    'DELETE FROM locks',
    'DELETE FROM training_faults',
    'DELETE FROM roster_staging',
    'DELETE FROM roster_uploads',
    "DELETE FROM sessions WHERE json_extract(data, '$.staff') IS NULL",
  ].map((sql) => db.prepare(sql));
  return {
    clearTrainingData(): void {
      for (const statement of statements) statement.run();
    },
  };
}
