import type { Db } from './db.ts';

/** Small key/value settings kept in the database (generated secrets, tokens). */
export function createMeta(db: Db) {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  return {
    get: (key: string) => get.get(key) as string | undefined,
    /** Returns the stored value, storing `make()` first when there is none (first writer wins). */
    getOrCreate(key: string, make: () => string): { value: string; created: boolean } {
      const existing = get.get(key) as string | undefined;
      if (existing !== undefined) return { value: existing, created: false };
      const created = insert.run(key, make()).changes === 1;
      return { value: get.get(key) as string, created };
    },
  };
}
