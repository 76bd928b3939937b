import type Database from 'better-sqlite3';

/** The connection the app is given by its host; the WeCom room never opens one itself. */
export type Db = Database.Database;

/** SQLite's unique-constraint failure on one column, so callers can say which value is taken. */
export function uniqueColumnOf(err: unknown): string | undefined {
  const e = err as { code?: string; message?: string };
  if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e?.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
  return /\.(\w+)$/.exec(e.message ?? '')?.[1];
}
