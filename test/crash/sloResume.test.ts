import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoActivated } from '../../src/data/demoRoster.ts';
import { casLogin, send, validateTicket, Visitor } from '../../scripts/portalClient.ts';
import { startPortal, type PortalProcess } from '../../scripts/portalProcess.ts';
import { registrationOf, startHeldService, type HeldService } from '../support/heldService.ts';

const TOKEN = 'slo-crash-api-token-0123';
// Long send limits, so what cuts the logoutRequest off is the kill, not a timeout.
const env = (dbPath: string) => ({
  NODE_ENV: 'test', CAPTCHA_ENABLED: 'false', DATABASE_PATH: dbPath, API_TOKEN: TOKEN, ARGON2_MEMORY_KIB: '4096', ARGON2_TIME_COST: '1',
  CAS_SLO_TIMEOUT_MS: '60000', CAS_SLO_TOTAL_MS: '120000',
});

describe('kill -9 while a logoutRequest is on its way, then start again on the same file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'idas-slo-crash-'));
  const dbPath = join(dir, 'portal.sqlite');
  let portal: PortalProcess | undefined;
  let service: HeldService | undefined;
  afterAll(async () => {
    await portal?.kill();
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the started portal sends it again by itself, and the outbox is empty afterwards', async () => {
    service = await startHeldService();
    portal = await startPortal(env(dbPath));
    const registered = await send(`${portal.url}/api/v1/services`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(registrationOf(service, '下游应用')),
    });
    expect(registered.status).toBe(201);
    const browser = new Visitor(portal.url);
    const ticket = await casLogin(browser, service.url, demoActivated.candidateNo, demoActivated.password);
    expect((await validateTicket(portal.url, service.url, ticket)).ok).toBe(true);

    service.hold();
    const loggingOut = browser.get('/authserver/logout').catch(() => 'cut off');
    await service.received(1);
    await portal.kill();
    expect(await loggingOut).toBe('cut off');
    service.release();

    // Nothing but the restart itself: `src/server.ts` resumes single logout once it listens.
    portal = await startPortal(env(dbPath));
    await service.received(2);
    expect(service.told).toEqual([ticket, ticket]);
    await portal.stop();
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM slo_outbox').pluck().get()).toBe(0);
    expect(db.prepare("SELECT outcome FROM audit WHERE event = 'SLO_DELIVERY'").pluck().all()).toEqual(['ok']);
    db.close();
  });
});
