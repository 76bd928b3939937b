import type { Db } from './db.ts';

export interface HelpScriptRow {
  situation: string;
  body: string;
  updated_by: string;
  updated_at: number;
}

/** The help desk's suggested answers as admins rewrote them; a situation without a row uses its default text. */
export function createHelpScripts(db: Db) {
  const all = db.prepare('SELECT * FROM help_scripts');
  const save = db.prepare(`INSERT INTO help_scripts (situation, body, updated_by, updated_at) VALUES (@situation, @body, @by, @now)
    ON CONFLICT (situation) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM help_scripts WHERE situation = ?');
  return {
    /** The rewritten scripts by situation. */
    edited: () => new Map((all.all() as HelpScriptRow[]).map((r) => [r.situation, r])),
    save: (s: { situation: string; body: string; by: string; now: number }) => {
      save.run(s);
    },
    /** Back to the default wording; false when it was not rewritten. */
    restoreDefault: (situation: string) => remove.run(situation).changes === 1,
  };
}
