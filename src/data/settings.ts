import type { Db } from './db.ts';

export interface RuntimeSettings {
  captcha: boolean;
}

/** Switches the test-automation API may flip at run time; unset ones fall back to config. */
export function createSettings(db: Db) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const put = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  // Read on every login form; written only here, so kept in memory (not filled inside an open transaction).
  let stored: { captcha: string | undefined } | undefined;
  return {
    current(defaults: RuntimeSettings): RuntimeSettings {
      const row = stored ?? { captcha: get.get('captcha') as string | undefined };
      if (!db.inTransaction) stored = row;
      return { captcha: row.captcha === undefined ? defaults.captcha : row.captcha === 'true' };
    },
    update(changes: Partial<RuntimeSettings>): void {
      stored = undefined;
      if (changes.captcha !== undefined) put.run('captcha', String(changes.captcha));
    },
  };
}
