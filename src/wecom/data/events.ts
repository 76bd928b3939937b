import type { Db } from './db.ts';

export interface EventRow {
  id: number;
  uid: string;
  at: number;
  event: string;
  outcome: 'ok' | 'error';
  code: string | null;
  params: string | null;
  actor: string | null;
}

export interface NewEvent {
  uid: string;
  at: number;
  event: string;
  outcome: 'ok' | 'error';
  /** The code of the text the member saw (or of the refusal). */
  code?: string | null;
  params?: Record<string, unknown> | null;
  /** Who did it when it was not the member: 'api', a staff user name, 'seed'. */
  actor?: string | null;
}

/** The member's WeCom journey as the help desk reads it. */
export function createEvents(db: Db) {
  const insert = db.prepare(`INSERT INTO wecom_events (uid, at, event, outcome, code, params, actor)
    VALUES (@uid, @at, @event, @outcome, @code, @params, @actor)`);
  const ofUid = db.prepare('SELECT * FROM wecom_events WHERE uid = ? ORDER BY id');
  const latest = db.prepare('SELECT * FROM wecom_events WHERE uid = ? AND event = ? ORDER BY id DESC LIMIT 1');
  return {
    record(e: NewEvent): void {
      insert.run({ code: null, actor: null, ...e, params: e.params ? JSON.stringify(e.params) : null });
    },
    /** Oldest first. */
    ofUid: (uid: string) => ofUid.all(uid) as EventRow[],
    latest: (uid: string, event: string) => latest.get(uid, event) as EventRow | undefined,
  };
}
