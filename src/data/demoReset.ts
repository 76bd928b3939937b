import type { Db } from './db.ts';
import { RESET_TABLES } from './reset.ts';

/**
 * What POST /api/v1/reset empties: the tables of `npm run reset`, except that only candidate-side web
 * sessions end (candidate ids are reused after this) and staff stay signed in to the console.
 */
export function createDemoReset(db: Db) {
  const statements = [
    ...RESET_TABLES.filter((t) => t !== 'sessions').map((t) => `DELETE FROM ${t}`),
    "DELETE FROM sessions WHERE json_extract(data, '$.staff') IS NULL",
  ].map((sql) => db.prepare(sql));
  return {
    /** Call inside store.transaction, then reseed the demo roster in the same transaction. */
    clearTrainingData(): void {
      for (const statement of statements) statement.run();
    },
  };
}
