import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../../src/data/db.ts';
import { demoRoster } from '../../../src/data/demoRoster.ts';
import { createStore } from '../../../src/data/store.ts';
import { paths } from '../../../src/web/paths.ts';
import { signInTo, signedInUser, startCasClientApp } from '../../support/casClientApp.ts';
import { listen } from '../../support/listen.ts';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { registrationOf, startHeldService } from '../../support/heldService.ts';
import request from 'supertest';
import { casLogin, validateTicket, Visitor } from '../../../scripts/portalClient.ts';
import { ZHAO } from '../cas/helpers.ts';

const execFileAsync = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idas-scripts-'));
  dirs.push(dir);
  return join(dir, 'idas.sqlite');
}

/** Runs a script as `npm run` would, against the given database file. */
async function script(name: 'seed' | 'reset', databasePath: string, args: string[] = [], env: Record<string, string> = {}) {
  return execFileAsync('npx', ['tsx', `scripts/${name}.ts`, ...args], { cwd: paths.root, env: { ...process.env, ...env, DATABASE_PATH: databasePath } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (err: { code: number; stdout: string; stderr: string }) => err);
}

function withDb<T>(file: string, fn: (store: ReturnType<typeof createStore>) => T): T {
  const db = openDatabase(file);
  try {
    return fn(createStore(db));
  } finally {
    db.close();
  }
}

describe('npm run seed', () => {
  it('migrates a new file, inserts the roster, and inserts nothing the second time', async () => {
    const file = tempDb();
    const first = await script('seed', file);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`inserted ${demoRoster.length} of ${demoRoster.length}`);
    const second = await script('seed', file);
    expect(second.stdout).toContain(`inserted 0 of ${demoRoster.length}`);
    expect(withDb(file, (store) => store.candidates.count())).toBe(demoRoster.length);
  });
});

describe('npm run reset', () => {
  it('without --yes says what it would delete, exits 1 and changes nothing; with --yes deletes and re-seeds', async () => {
    const file = tempDb();
    await script('seed', file);
    const tokenBefore = withDb(file, (store) => {
      store.candidates.insert({ candidateNo: '106146510100123', name: '孙悦', idType: 'passport', idNumber: 'E99887766' }, 1);
      store.outbox.add({ channel: 'sms', recipient: '13800001234', text: 'x', now: 1 });
      return store.meta.getOrCreate('api_token', () => 'kept-token-0123456789').value;
    });

    const dry = await script('reset', file);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`candidates ${demoRoster.length + 1}`);
    expect(dry.stdout).toContain('outbox 1');
    expect(dry.stdout).toContain('--yes');
    expect(withDb(file, (store) => store.candidates.count())).toBe(demoRoster.length + 1);

    const done = await script('reset', file, ['--yes']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`inserted ${demoRoster.length} demo candidates`);
    withDb(file, (store) => {
      expect(store.candidates.count()).toBe(demoRoster.length);
      expect(store.candidates.findByCandidateNo('106146510100123')).toBeUndefined();
      expect(store.outbox.listTo('13800001234')).toEqual([]);
      expect(store.candidates.findByCandidateNo('106146510100009')!.status).toBe('active');
      expect(store.meta.get('api_token')).toBe(tokenBefore);
    });
  });

  it('tells the services of every open SSO session by single logout, their tickets claimed before they are deleted', async () => {
    const file = tempDb();
    const portal = makePortal({}, { dbPath: file });
    const server = await listen(portal);
    const app = await startCasClientApp(portal, server.url);
    try {
      const signedIn = await signInTo(app, server.url, request.agent(server.url), ZHAO);
      expect(await signedInUser(app, signedIn)).toBe(ZHAO.username);
      const done = await script('reset', file, ['--yes']);
      expect(done.code).toBe(0);
      expect(app.logoutRequests).toHaveLength(1);
      expect(await signedInUser(app, signedIn)).toBeUndefined();
    } finally {
      app.close();
      await server.close();
      portal.db.close();
    }
  });

  it('a login the running portal lets in while the reset is telling services is never deleted untold', async () => {
    const file = tempDb();
    // Long send limits in both processes: what holds the reset's sending is the held service, never a timeout.
    const slo = { CAS_SLO_TIMEOUT_MS: '60000', CAS_SLO_TOTAL_MS: '120000' };
    const portal = makePortal(slo, { dbPath: file });
    const server = await listen(portal);
    const service = await startHeldService();
    try {
      const registered = await request(portal.app).post('/api/v1/services').set('Authorization', `Bearer ${TEST_API_TOKEN}`).send(registrationOf(service, '下游应用'));
      expect(registered.status).toBe(201);
      const first = await casLogin(new Visitor(server.url), service.url, ZHAO.username, ZHAO.password);
      expect((await validateTicket(server.url, service.url, first)).ok).toBe(true);

      service.hold();
      const resetting = script('reset', file, ['--yes'], slo);
      await service.received(1);
      const second = await casLogin(new Visitor(server.url), service.url, ZHAO.username, ZHAO.password);
      expect((await validateTicket(server.url, service.url, second)).ok).toBe(true);
      service.release();
      expect((await resetting).code).toBe(0);

      // The second login's session either came after the reset and is still open, or was ended and told.
      const ticket = portal.store.tickets.findById(second);
      const open = ticket !== undefined && portal.store.ssoSessions.findById(ticket.sso_session_id)?.ended_at === null;
      expect({ told: service.told.includes(second), open }).toEqual({ told: false, open: true });
      expect(service.told).toEqual([first]);
    } finally {
      await service.close();
      await server.close();
      portal.db.close();
    }
  });
});
