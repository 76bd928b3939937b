import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { makePortal } from '../../support/portal.ts';
import { logIn, svc, ticketIn, WECOM } from './helpers.ts';

const HOUR = 60 * 60_000;
const OTHER = 'http://localhost:3000/wecom/';

describe('single sign-on', () => {
  it('issues a ticket for another service without the form while the TGC is valid', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await logIn(agent, { query: `?service=${svc(WECOM)}` });
    const res = await agent.get(`/authserver/login?service=${svc(OTHER)}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^http:\/\/localhost:3000\/wecom\/\?ticket=ST-/);
    expect(portal.store.tickets.findById(ticketIn(res.headers.location))?.from_new_login).toBe(0);
    expect(portal.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE event = 'TICKET_ISSUED'").get()).toEqual({ n: 2 });
  });

  it('renew=true shows the form even with a valid TGC, and its ticket counts as a new login', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await logIn(agent);
    const form = await agent.get(`/authserver/login?service=${svc(WECOM)}&renew=true`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="execution"');
    const res = await logIn(agent, { query: `?service=${svc(WECOM)}&renew=true` });
    expect(portal.store.tickets.findById(ticketIn(res.headers.location))?.from_new_login).toBe(1);
  });

  it('gateway=true never shows the form: back to the service without a ticket, or with one under SSO', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const anonymous = await agent.get(`/authserver/login?service=${svc(WECOM)}&gateway=true`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe(WECOM);
    await logIn(agent);
    const sso = await agent.get(`/authserver/login?service=${svc(WECOM)}&gateway=true`);
    expect(sso.headers.location).toMatch(/&ticket=ST-/);
    const unregistered = await agent.get(`/authserver/login?service=${svc('http://evil.example/')}&gateway=true`);
    expect(unregistered.status).toBe(403);
    expect(unregistered.headers.location).toBeUndefined();
  });

  it('renew wins over gateway', async () => {
    const portal = makePortal();
    const res = await request(portal.app).get(`/authserver/login?service=${svc(WECOM)}&gateway=true&renew=true`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="execution"');
  });

  it('ends the SSO session after 2 hours idle', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await logIn(agent);
    portal.clock.advance(2 * HOUR - 1000);
    expect((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).status).toBe(302);
    portal.clock.advance(2 * HOUR - 1000);
    expect((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).status).toBe(302);
    portal.clock.advance(2 * HOUR);
    const res = await agent.get(`/authserver/login?service=${svc(WECOM)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="execution"');
  });

  it('ends the SSO session after 8 hours however busy', async () => {
    const portal = makePortal({ CAS_TGT_TTL_MINUTES: '480', CAS_TGT_IDLE_MINUTES: '120' });
    const agent = request.agent(portal.app);
    await logIn(agent);
    for (let i = 0; i < 7; i++) {
      portal.clock.advance(HOUR);
      expect((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).status).toBe(302);
    }
    portal.clock.advance(HOUR);
    expect((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).status).toBe(200);
  });

  it('survives a restart: tickets and SSO sessions live in SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idas-cas-'));
    try {
      const dbPath = join(dir, 'portal.sqlite');
      const first = makePortal({}, { dbPath });
      const agent = request.agent(first.app);
      const login = await logIn(agent, { query: `?service=${svc(WECOM)}` });
      const ticket = ticketIn(login.headers.location);
      const cookie = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('CASTGC='))!.split(';')[0]!;
      first.db.close();
      const second = makePortal({}, { dbPath });
      const validation = await request(second.app).get(`/authserver/p3/serviceValidate?service=${svc(WECOM)}&ticket=${ticket}`);
      expect(validation.text).toContain('authenticationSuccess');
      const sso = await request(second.app).get(`/authserver/login?service=${svc(WECOM)}`).set('Cookie', cookie);
      expect(sso.status).toBe(302);
      second.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forces the form when the account may no longer use SSO', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await logIn(agent);
    portal.db.prepare("UPDATE candidates SET must_reset_password = 1 WHERE candidate_no = '106146510100009'").run();
    expect((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).status).toBe(200);
  });
});

describe('method=POST (CAS 3.0)', () => {
  it('hands the ticket back in a form posted to the service as given', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const res = await logIn(agent, { query: `?service=${svc(WECOM)}&method=POST` });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<form method="post" action="http://127.0.0.1:8080/wecom/app?from=qr&amp;x=%E4%B8%AD" id="casPostResponse"');
    const ticket = /name="ticket" value="(ST-[A-Za-z0-9-]+)"/.exec(res.text)![1]!;
    expect(portal.store.tickets.findById(ticket)?.service).toBe(WECOM);
    expect(res.text).toContain('<script src="/public/js/autopost.js" defer></script>');
  });
});
