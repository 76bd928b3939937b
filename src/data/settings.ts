import type { Db } from './db.ts';

export interface RuntimeSettings {
  captcha: boolean;
}

/** Switches the test-automation API may flip at run time; unset ones fall back to config. */
export function createSettings(db: Db) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const put = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return {
    current(defaults: RuntimeSettings): RuntimeSettings {
      const captcha = get.get('captcha') as string | undefined;
      return { captcha: captcha === undefined ? defaults.captcha : captcha === 'true' };
    },
    update(changes: Partial<RuntimeSettings>): void {
      if (changes.captcha !== undefined) put.run('captcha', String(changes.captcha));
    },
  };
}
