import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { casLogin, validateTicket, Visitor } from '../../../scripts/portalClient.ts';
import { registrationOf, startHeldService } from '../../support/heldService.ts';
import { listen } from '../../support/listen.ts';
import { makePortal, TEST_API_TOKEN, type TestPortal } from '../../support/portal.ts';
import { ZHAO } from './helpers.ts';

// A logoutRequest owed when the portal stops (a crash between ending a session and sending) is sent when it
// starts again: a "restart" here is a second portal on the same SQLite file, as `npm start` would open it.
// Generous send limits: what ends a send in these tests is the test, never a timeout under load.
const ENV = { CAS_SLO_TIMEOUT_MS: '60000', CAS_SLO_TOTAL_MS: '120000' };
const dir = mkdtempSync(join(tmpdir(), 'idas-slo-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.close();
});

let files = 0;
async function setUp() {
  const dbPath = join(dir, `portal-${++files}.sqlite`);
  const portal = makePortal(ENV, { dbPath });
  const server = await listen(portal);
  const service = await startHeldService();
  running.push(server, service);
  const registered = await request(portal.app).post('/api/v1/services').set('Authorization', `Bearer ${TEST_API_TOKEN}`).send(registrationOf(service, '下游应用'));
  expect(registered.status).toBe(201);
  const browser = new Visitor(server.url);
  const ticket = await casLogin(browser, service.url, ZHAO.username, ZHAO.password);
  expect((await validateTicket(server.url, service.url, ticket)).ok).toBe(true);
  return { portal, dbPath, server, service, browser, ticket, restart: () => makePortal(ENV, { dbPath }) };
}

const queued = (portal: TestPortal) => portal.db.prepare('SELECT COUNT(*) FROM slo_outbox').pluck().get();
const deliveries = (portal: TestPortal) => {
  const zhao = portal.store.candidates.findByCandidateNo(ZHAO.username)!;
  return portal.store.audit.forCandidate(zhao.id, zhao.candidate_no).filter((e) => e.event === 'SLO_DELIVERY').map((e) => e.outcome);
};

describe('single logout survives a crash: what was owed is sent when the portal starts again', () => {
  it('a session that ended before its logoutRequests were claimed (a login cut off) is told at the next start, once', async () => {
    const { portal, service, ticket, restart } = await setUp();
    // What a second person's login in this browser does to the first one's session, in its own transaction,
    // before it claims and sends: the crash comes in between.
    const zhao = portal.store.candidates.findByCandidateNo(ZHAO.username)!;
    const [session] = portal.store.ssoSessions.openForCandidate(zhao.id, portal.clock.now());
    expect(portal.store.ssoSessions.end(session!.id, portal.clock.now())).toBe(true);
    expect(service.told).toEqual([]);

    const started = restart();
    expect(await started.singleLogout.resume()).toBe(1);
    expect(service.told).toEqual([ticket]);
    expect(await started.singleLogout.resume()).toBe(0);
    expect(service.told).toEqual([ticket]);
    expect(queued(started)).toBe(0);
    expect(deliveries(started)).toEqual(['ok']);
  });

  it('a logoutRequest cut off while being sent is sent again at the next start; one still being sent is not sent twice meanwhile', async () => {
    const { portal, service, browser, ticket, restart } = await setUp();
    service.hold();
    const loggingOut = browser.get('/authserver/logout');
    await service.received(1);
    expect(queued(portal)).toBe(1);
    // The same process resuming (an hourly job, a second call) leaves a request it is sending alone.
    expect(await portal.singleLogout.resume()).toBe(0);
    expect(service.told).toEqual([ticket]);

    // The portal that starts on this file knows only that the request was never settled: it sends it again.
    const started = restart();
    const resumed = started.singleLogout.resume();
    await service.received(2);
    service.release();
    expect(await resumed).toBe(1);
    expect((await loggingOut).status).toBe(200);
    expect(service.told).toEqual([ticket, ticket]);
    expect(queued(started)).toBe(0);
  });

  it('an account deleted through the API still has its services told after a crash that cut the sending off', async () => {
    const { portal, service, ticket, restart } = await setUp();
    service.hold();
    const deleting = request(portal.app).delete(`/api/v1/candidates/${ZHAO.username}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`).then((r) => r);
    await service.received(1);
    expect(portal.store.candidates.findByCandidateNo(ZHAO.username)).toBeUndefined();

    const started = restart();
    const resumed = started.singleLogout.resume();
    await service.received(2);
    service.release();
    expect(await resumed).toBe(1);
    expect((await deleting).status).toBe(204);
    expect(service.told).toEqual([ticket, ticket]);
    expect(queued(started)).toBe(0);
    // Its id is gone: the deliveries are in the log under the account's number.
    expect(started.db.prepare("SELECT candidate_id, candidate_no, outcome FROM audit WHERE event = 'SLO_DELIVERY'").all())
      .toEqual([{ candidate_id: null, candidate_no: ZHAO.username, outcome: 'ok' }, { candidate_id: null, candidate_no: ZHAO.username, outcome: 'ok' }]);
  });
});
