import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN, type Agent, type TestPortal } from '../../support/portal.ts';
import { logIn, svc, ticketIn } from './helpers.ts';

/** A service's back channel that answers after `delayMs`, or never; it counts how many POSTs it holds at once. */
async function backChannel(answer: { delayMs: number } | 'never') {
  const seen = { received: 0, inFlight: 0, maxInFlight: 0 };
  const server = createServer((req, res) => {
    seen.received++;
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    req.resume();
    res.on('close', () => seen.inFlight--);
    if (answer !== 'never') setTimeout(() => res.end('ok'), answer.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

/** Logs 赵磊 in and has a client present `count` tickets for distinct pages of the service on `port`. */
async function presentTickets(portal: TestPortal, port: number, count: number): Promise<Agent> {
  const registered = await request(portal.app).post('/api/v1/services').set('Authorization', `Bearer ${TEST_API_TOKEN}`)
    .send({ name: 'slow app', urlPattern: `^http://127\\.0\\.0\\.1:${port}/app/.*$`, allowedAccountTypes: ['candidate'] });
  expect(registered.status).toBe(201);
  const browser = request.agent(portal.app);
  for (let i = 0; i < count; i++) {
    const service = `http://127.0.0.1:${port}/app/${i}`;
    const answer = i === 0 ? await logIn(browser, { query: `?service=${svc(service)}` }) : await browser.get(`/authserver/login?service=${svc(service)}`);
    await request(portal.app).get(`/authserver/serviceValidate?service=${svc(service)}&ticket=${ticketIn(answer.headers.location)}`);
  }
  return browser;
}

const deliveries = (portal: TestPortal) =>
  (portal.db.prepare("SELECT outcome, params FROM audit WHERE event = 'SLO_DELIVERY'").all() as { outcome: string; params: string }[])
    .map((row) => ({ outcome: row.outcome, status: (JSON.parse(row.params) as { status: unknown }).status }));

describe('single logout fan-out', () => {
  it('sends at most CAS_SLO_CONCURRENCY logoutRequests at once and still tells every ticket', async () => {
    const portal = makePortal({ CAS_SLO_CONCURRENCY: '3' });
    const service = await backChannel({ delayMs: 20 });
    servers.push(service.server);
    const browser = await presentTickets(portal, service.port, 10);
    const logout = await browser.get('/authserver/logout');
    expect(logout.status).toBe(200);
    expect(service.seen.received).toBe(10);
    expect(service.seen.maxInFlight).toBeLessThanOrEqual(3);
    expect(deliveries(portal).every((d) => d.outcome === 'ok' && d.status === 200)).toBe(true);
  });

  it('gives up at CAS_SLO_TOTAL_MS: a silent service does not hold the logout page, and what was left is audited as not sent', async () => {
    const portal = makePortal({ CAS_SLO_TOTAL_MS: '500', CAS_SLO_TIMEOUT_MS: '60000' });
    const silent = await backChannel('never');
    servers.push(silent.server);
    const browser = await presentTickets(portal, silent.port, 10);
    const logout = await browser.get('/authserver/logout');
    expect(logout.status).toBe(200);
    expect(logout.text).toContain('您已成功退出统一身份认证');
    expect(silent.seen.received).toBeLessThanOrEqual(portal.config.cas.sloConcurrency);
    const audited = deliveries(portal);
    expect(audited).toHaveLength(10);
    expect(audited.every((d) => d.outcome === 'error' && d.status === 'deadline')).toBe(true);
  });
});
