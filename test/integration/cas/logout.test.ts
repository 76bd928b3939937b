import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN, type TestPortal } from '../../support/portal.ts';
import { lastAudit, logIn, svc, ticketIn, WECOM } from './helpers.ts';

interface Received {
  path: string;
  contentType: string;
  logoutRequest: string;
}

/** A service's back channel: records every POST it gets. */
async function receiver(): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', logoutRequest: new URLSearchParams(body).get('logoutRequest') ?? '' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

async function register(portal: TestPortal, port: number, logoutUrl: string | null = null) {
  const res = await request(portal.app).post('/api/v1/services').set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({
    name: `app on ${port}`, urlPattern: `^http://127\\.0\\.0\\.1:${port}/app/.*$`, allowedAccountTypes: ['candidate'], releasedAttributes: { uid: 'uid' }, logoutUrl,
  });
  expect(res.status).toBe(201);
}

/** The client's side of a login: it presents the ticket, as every CAS client does before it opens a session. */
async function present(portal: TestPortal, service: string, ticket: string) {
  await request(portal.app).get(`/authserver/p3/serviceValidate?service=${svc(service)}&ticket=${ticket}`);
}

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

describe('/authserver/logout', () => {
  it('ends the SSO session and POSTs a SAML logoutRequest for every ticket a client presented in it', async () => {
    const portal = makePortal();
    const rp = await receiver();
    servers.push(rp.server);
    await register(portal, rp.port);
    const agent = request.agent(portal.app);
    const appOne = `http://127.0.0.1:${rp.port}/app/one`;
    const appTwo = `http://127.0.0.1:${rp.port}/app/two?x=1`;
    const first = ticketIn((await logIn(agent, { query: `?service=${svc(appOne)}` })).headers.location);
    const second = ticketIn((await agent.get(`/authserver/login?service=${svc(appTwo)}`)).headers.location);
    // A service nobody listens on: its failed delivery must not stop the logout.
    const silent = ticketIn((await agent.get(`/authserver/login?service=${svc('http://127.0.0.1:9/wecom/')}`)).headers.location);
    // Never presented, so no client can hold a session for it: nobody is told.
    await agent.get(`/authserver/login?service=${svc(`http://127.0.0.1:${rp.port}/app/three`)}`);
    await present(portal, appOne, first);
    await present(portal, appTwo, second);
    await present(portal, 'http://127.0.0.1:9/wecom/', silent);

    const res = await agent.get('/authserver/logout');
    expect(res.status).toBe(200);
    expect(res.text).toContain('您已成功退出统一身份认证');
    expect((res.headers['set-cookie'] as unknown as string[]).some((c) => /^CASTGC=;/.test(c))).toBe(true);

    expect(rp.received.map((r) => r.path).sort()).toEqual(['/app/one', '/app/two?x=1']);
    const byIndex = new Map(rp.received.map((r) => [/<samlp:SessionIndex>([^<]+)<\/samlp:SessionIndex>/.exec(r.logoutRequest)?.[1], r]));
    expect([...byIndex.keys()].sort()).toEqual([first, second].sort());
    const one = byIndex.get(first)!;
    expect(one.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(one.logoutRequest).toMatch(/^<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="[^"]+" Version="2\.0" IssueInstant="2026-03-10T02:00:00\.000Z">/);
    expect(one.logoutRequest).toContain('<saml:NameID>106146510100009</saml:NameID>');

    const deliveries = portal.db.prepare("SELECT outcome FROM audit WHERE event = 'SLO_DELIVERY' ORDER BY outcome").all();
    expect(deliveries).toEqual([{ outcome: 'error' }, { outcome: 'ok' }, { outcome: 'ok' }]);
    expect(lastAudit(portal, 'LOGOUT')?.outcome).toBe('ok');
    const form = await agent.get(`/authserver/login?service=${svc(WECOM)}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="execution"');
  });

  it('sends the logoutRequest to the registered logout URL when there is one', async () => {
    const portal = makePortal();
    const rp = await receiver();
    servers.push(rp.server);
    await register(portal, rp.port, `http://127.0.0.1:${rp.port}/slo`);
    const agent = request.agent(portal.app);
    const service = `http://127.0.0.1:${rp.port}/app/`;
    await present(portal, service, ticketIn((await logIn(agent, { query: `?service=${svc(service)}` })).headers.location));
    await agent.get('/authserver/logout');
    expect(rp.received.map((r) => r.path)).toEqual(['/slo']);
  });

  it('follows service only when it is registered', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await logIn(agent);
    const back = await agent.get(`/authserver/logout?service=${svc(WECOM)}`);
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe(WECOM);
    const evil = await request(portal.app).get(`/authserver/logout?service=${svc('http://evil.example/')}`);
    expect(evil.status).toBe(200);
    expect(evil.headers.location).toBeUndefined();
  });
});
