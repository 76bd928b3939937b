import { afterEach, describe, expect, it } from 'vitest';
import type { SessionData } from 'express-session';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/data/db.ts';
import { SqliteSessionStore, TOUCH_GRANULARITY_MS, type SessionTable } from '../../../src/web/sessionStore.ts';
import { createCasLogins } from '../../../src/wecom/data/sessions.ts';

const MINUTE = 60 * 1000;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);

const opened: { close(): void }[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function databaseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idas-sessions-'));
  dirs.push(dir);
  return join(dir, 'idas.sqlite');
}

function open(file: string) {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}

/** A session as express-session hands it to the store: its cookie says when it expires. */
function sessionUntil(expires: number, extra: Partial<SessionData> = {}): SessionData {
  return { cookie: { expires: new Date(expires), originalMaxAge: 30 * MINUTE }, ...extra } as SessionData;
}

function storeIn(db: ReturnType<typeof openDatabase>, table: SessionTable) {
  const store = new SqliteSessionStore(db, table);
  return {
    get: (sid: string) => new Promise<SessionData | null | undefined>((resolve, reject) => store.get(sid, (err, s) => (err ? reject(err) : resolve(s)))),
    set: (sid: string, s: SessionData) => new Promise<void>((resolve, reject) => store.set(sid, s, (err) => (err ? reject(err) : resolve()))),
    touch: (sid: string, s: SessionData) => new Promise<void>((resolve, reject) => store.touch(sid, s, (err) => (err ? reject(err) : resolve()))),
    destroy: (sid: string) => new Promise<unknown>((resolve) => store.destroy(sid, (err) => resolve(err))),
  };
}

const expiresOf = (db: ReturnType<typeof openDatabase>, table: string, sid: string) =>
  db.prepare(`SELECT expires FROM ${table} WHERE sid = ?`).pluck().get(sid) as number | undefined;

describe('the SQLite session store', () => {
  it('keeps a session across a reopened database and forgets it once it expires', async () => {
    const file = databaseFile();
    let now = T0;
    const first = storeIn(open(file), { table: 'sessions', now: () => now });
    await first.set('sid-a', sessionUntil(T0 + 30 * MINUTE, { wecomApp: { uid: '2025000001', at: T0 } }));
    opened.pop()!.close();

    const db = open(file);
    const again = storeIn(db, { table: 'sessions', now: () => now });
    expect((await again.get('sid-a'))?.wecomApp).toEqual({ uid: '2025000001', at: T0 });
    now = T0 + 30 * MINUTE - 1;
    expect(await again.get('sid-a')).not.toBeNull();
    now = T0 + 30 * MINUTE;
    expect(await again.get('sid-a')).toBeNull();
    expect(await again.get('never-set')).toBeNull();
  });

  it('moves the stored expiry on a touch only once more than the granularity has passed', async () => {
    const db = open(databaseFile());
    let now = T0;
    const store = storeIn(db, { table: 'wecom_sessions', now: () => now });
    await store.set('sid-b', sessionUntil(T0 + 30 * MINUTE));

    now = T0 + TOUCH_GRANULARITY_MS;
    await store.touch('sid-b', sessionUntil(now + 30 * MINUTE));
    expect(expiresOf(db, 'wecom_sessions', 'sid-b')).toBe(T0 + 30 * MINUTE);

    now = T0 + TOUCH_GRANULARITY_MS + 1;
    await store.touch('sid-b', sessionUntil(now + 30 * MINUTE));
    expect(expiresOf(db, 'wecom_sessions', 'sid-b')).toBe(now + 30 * MINUTE);
    // A touch never brings back a session already destroyed.
    await store.destroy('sid-b');
    await store.touch('sid-b', sessionUntil(now + 60 * MINUTE));
    expect(expiresOf(db, 'wecom_sessions', 'sid-b')).toBeUndefined();
  });

  it('runs the destroy hook with the deletion: the ending session’s ticket mappings go, others stay', async () => {
    const db = open(databaseFile());
    const casLogins = createCasLogins(db);
    const store = storeIn(db, { table: 'wecom_sessions', now: () => T0, onDestroy: casLogins.forgetSession });
    await store.set('sid-ending', sessionUntil(T0 + 30 * MINUTE));
    await store.set('sid-other', sessionUntil(T0 + 30 * MINUTE));
    casLogins.remember({ ticket: 'ST-1-ending', sid: 'sid-ending', uid: '2025000001', now: T0 });
    casLogins.remember({ ticket: 'ST-2-other', sid: 'sid-other', uid: '2025000002', now: T0 });

    expect(await store.destroy('sid-ending')).toBeUndefined();
    expect(await store.get('sid-ending')).toBeNull();
    expect(casLogins.find('ST-1-ending')).toBeUndefined();
    expect(await store.get('sid-other')).not.toBeNull();
    expect(casLogins.find('ST-2-other')).toEqual({ sid: 'sid-other', uid: '2025000002' });
  });

  it('keeps the session when its destroy hook fails, and says so to express-session', async () => {
    const db = open(databaseFile());
    const store = storeIn(db, {
      table: 'sessions',
      now: () => T0,
      onDestroy: () => {
        throw new Error('hook failed');
      },
    });
    await store.set('sid-c', sessionUntil(T0 + 30 * MINUTE));
    expect(await store.destroy('sid-c')).toBeInstanceOf(Error);
    expect(await store.get('sid-c')).not.toBeNull();
  });

  it('calls express-session back once per call: a callback that throws is not called again with its own error', () => {
    const db = open(databaseFile());
    const store = new SqliteSessionStore(db, { table: 'sessions', now: () => T0 });
    const session = sessionUntil(T0 + 30 * MINUTE);
    const calls: unknown[] = [];
    const throwing = (err?: unknown) => {
      calls.push(err ?? null);
      throw new Error('thrown by the code after the store');
    };
    expect(() => store.set('sid-d', session, throwing)).toThrow('thrown by the code after the store');
    expect(() => store.get('sid-d', throwing)).toThrow('thrown by the code after the store');
    expect(() => store.touch('sid-d', session, throwing)).toThrow('thrown by the code after the store');
    expect(() => store.destroy('sid-d', throwing)).toThrow('thrown by the code after the store');
    expect(calls).toEqual([null, null, null, null]);
  });

  it('refuses a table name that is not a plain identifier', () => {
    const db = open(databaseFile());
    for (const table of ['sessions; DROP TABLE candidates', 'Sessions', '"sessions"', '']) {
      expect(() => new SqliteSessionStore(db, { table, now: () => T0 })).toThrow(/not a session table name/);
    }
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'candidates'").pluck().get()).toBe(1);
  });
});
