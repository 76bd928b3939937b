import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { migrate, openDatabase } from '../../../src/data/db.ts';
import { demoActivated, demoRoster, seedDemoRoster } from '../../../src/data/demoRoster.ts';
import { seedDemoServices } from '../../../src/data/demoServices.ts';
import { createStore } from '../../../src/data/store.ts';
import { paths } from '../../../src/web/paths.ts';
import { FakeClock } from '../../support/portal.ts';
import { A, walkTo } from '../../support/activation.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idas-data-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const migrationsDir = join(paths.root, 'db/migrations');
const versions = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as string[]);

describe('migrations', () => {
  it('are applied at open, recorded, in WAL mode with foreign keys on, and never twice', () => {
    const file = join(tempDir(), 'nested/dir/idas.sqlite');
    const db = openDatabase(file);
    expect(versions(db)).toContain('001_init.sql');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const applied = versions(db);
    db.close();
    const again = openDatabase(file);
    expect(migrate(again)).toEqual([]);
    expect(versions(again)).toEqual(applied);
    again.close();
  });

  it('give a database made before v10 the demo services in Chinese names, and seeding then adds none', () => {
    const db = openDatabase(':memory:');
    const store = createStore(db);
    seedDemoServices(store, 0, () => true);
    // As a database seeded before 010 had them.
    db.exec(`UPDATE services SET name = 'WeCom activation' WHERE name = '企业微信激活';
      UPDATE services SET name = 'campus portal' WHERE name = '网上办事服务大厅';
      DELETE FROM schema_migrations WHERE version = '010_demo_service_names.sql';`);
    expect(migrate(db)).toEqual(['010_demo_service_names.sql']);
    expect(db.prepare('SELECT name FROM services ORDER BY evaluation_order').pluck().all()).toEqual(['企业微信激活', '网上办事服务大厅']);
    expect(seedDemoServices(store, 0, () => true)).toBe(0);
  });

  it('roll back a migration that fails halfway and record nothing for it', () => {
    const dir = tempDir();
    copyFileSync(join(migrationsDir, '001_init.sql'), join(dir, '001_init.sql'));
    writeFileSync(join(dir, '002_broken.sql'), 'CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n');
    const fresh = new Database(':memory:');
    expect(() => migrate(fresh, dir)).toThrow(/no_such_table/);
    expect(versions(fresh)).toEqual(['001_init.sql']);
    expect(fresh.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    writeFileSync(join(dir, '002_broken.sql'), 'CREATE TABLE half_done (id INTEGER);\n');
    expect(migrate(fresh, dir)).toEqual(['002_broken.sql']);
  });
});

describe('the demo roster', () => {
  it('is inserted once: seeding again changes nothing', () => {
    const store = createStore(openDatabase(':memory:'));
    expect(seedDemoRoster(store, 1)).toBe(demoRoster.length);
    const zhao = store.candidates.findByCandidateNo(demoActivated.candidateNo)!;
    expect(zhao).toMatchObject({ status: 'active', phone: demoActivated.phone, email: demoActivated.email });
    expect(seedDemoRoster(store, 2)).toBe(0);
    expect(store.candidates.count()).toBe(demoRoster.length);
    expect(store.candidates.findByCandidateNo(demoActivated.candidateNo)).toEqual(zhao);
  });

  it('fills in only the missing entries', () => {
    const store = createStore(openDatabase(':memory:'));
    store.candidates.insert(demoRoster[0]!, 1);
    expect(seedDemoRoster(store, 1)).toBe(demoRoster.length - 1);
  });
});

describe('generated secrets', () => {
  const configWithout = () => loadConfig({ NODE_ENV: 'test', ARGON2_MEMORY_KIB: '4096', ARGON2_TIME_COST: '1' });

  it('are generated once, kept in the database and reused after a restart', async () => {
    const file = join(tempDir(), 'idas.sqlite');
    const clock = new FakeClock();
    const firstDb = openDatabase(file);
    const first = createApp({ config: configWithout(), db: firstDb, clock });
    expect(first.apiToken.created).toBe(true);
    const meta = () => firstDb.prepare('SELECT key, value FROM meta ORDER BY key').all();
    const kept = meta();
    expect(kept.map((r) => (r as { key: string }).key)).toEqual(expect.arrayContaining(['api_token', 'session_secret']));

    // The token works on the API, and a wizard session survives a restart on the same file.
    const api = await request(first.app).get('/api/v1/messages?to=x').set('Authorization', `Bearer ${first.apiToken.value}`);
    expect(api.status).toBe(200);
    const agent = await walkTo({ ...first, clock, db: firstDb }, 'identity');
    const second = createApp({ config: configWithout(), db: openDatabase(file), clock });
    expect(second.apiToken).toEqual({ value: first.apiToken.value, created: false });
    expect(meta()).toEqual(kept);
    const cookie = (await agent.get(`${A}/identity`)).headers['set-cookie'] as unknown as string[];
    const resumed = await request(second.app).get(`${A}/identity`).set('Cookie', cookie.map((c) => c.split(';')[0]).join('; '));
    expect(resumed.status).toBe(200);
  });

  it('are not stored when given in the environment', () => {
    const db = openDatabase(':memory:');
    const config = loadConfig({ NODE_ENV: 'test', API_TOKEN: 'given-token-0123456789', SESSION_SECRET: 'given-secret-0123456789' });
    const portal = createApp({ config, db });
    expect(portal.apiToken).toEqual({ value: 'given-token-0123456789', created: false });
    const keys = db.prepare('SELECT key FROM meta').pluck().all();
    expect(keys).not.toContain('api_token');
    expect(keys).not.toContain('session_secret');
  });
});
