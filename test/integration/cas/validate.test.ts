import { describe, expect, it } from 'vitest';
import argon2 from 'argon2';
import request from 'supertest';
import { makePortal, type TestPortal } from '../../support/portal.ts';
import { lastAudit, logIn, svc, ticketFor, ticketIn, WECOM, ZHAO } from './helpers.ts';

const validate = (portal: TestPortal, path: string, query: Record<string, string>) =>
  request(portal.app).get(`/authserver/${path}?${new URLSearchParams(query)}`);

describe('/authserver/p3/serviceValidate (CAS 3.0)', () => {
  it('answers success in the CAS namespace with the released attributes', async () => {
    const portal = makePortal();
    const ticket = await ticketFor(request.agent(portal.app));
    const res = await validate(portal, 'p3/serviceValidate', { service: WECOM, ticket });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.text).toContain('<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">');
    expect(res.text).toContain(`<cas:user>${ZHAO.username}</cas:user>`);
    for (const [name, value] of [['uid', ZHAO.username], ['cn', '赵磊'], ['accountType', 'candidate'], ['department', '自动化工程学院'], ['mobile', '13800138009'], ['mail', 'zhaolei@example.com'], ['isFromNewLogin', 'true'], ['longTermAuthenticationRequestTokenUsed', 'false'], ['authenticationDate', '2026-03-10T02:00:00.000Z']]) {
      expect(res.text).toContain(`<cas:${name}>${value}</cas:${name}>`);
    }
    expect(res.text).not.toContain('major');
    expect(lastAudit(portal, 'TICKET_VALIDATE')).toMatchObject({ outcome: 'ok', candidate_no: ZHAO.username });
  });

  it('escapes values in the XML', async () => {
    const portal = makePortal();
    const row = portal.store.candidates.insert({ candidateNo: '106146510100077', name: '测试', idType: 'passport', idNumber: 'E99887766', department: 'R&D <lab> "x"' }, portal.clock.now());
    const hash = await argon2.hash('Xq#9vLm2Tz!p', { type: argon2.argon2id, memoryCost: 4096, timeCost: 1 });
    portal.store.candidates.activate({ id: row.id, phone: '13800138077', email: 'a&b@example.com', passwordHash: hash, now: portal.clock.now() });
    const res = await logIn(request.agent(portal.app), { username: '106146510100077', password: 'Xq#9vLm2Tz!p', query: `?service=${svc(WECOM)}` });
    const xml = await validate(portal, 'p3/serviceValidate', { service: WECOM, ticket: ticketIn(res.headers.location) });
    expect(xml.text).toContain('<cas:department>R&amp;D &lt;lab&gt; &quot;x&quot;</cas:department>');
    expect(xml.text).toContain('<cas:mail>a&amp;b@example.com</cas:mail>');
  });

  it('answers JSON with format=JSON', async () => {
    const portal = makePortal();
    const ticket = await ticketFor(request.agent(portal.app));
    const res = await validate(portal, 'p3/serviceValidate', { service: WECOM, ticket, format: 'JSON' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.serviceResponse.authenticationSuccess).toMatchObject({ user: ZHAO.username, attributes: { cn: '赵磊', uid: ZHAO.username, department: '自动化工程学院' } });
    const failure = await validate(portal, 'serviceValidate', { service: WECOM, ticket, format: 'JSON' });
    expect(failure.body).toEqual({ serviceResponse: { authenticationFailure: { code: 'INVALID_TICKET', description: `Ticket '${ticket}' not recognized` } } });
  });
});

describe('ticket rules', () => {
  it('allows one validation attempt whatever its outcome', async () => {
    const portal = makePortal();
    const ticket = await ticketFor(request.agent(portal.app));
    expect((await validate(portal, 'p3/serviceValidate', { service: WECOM, ticket })).text).toContain('authenticationSuccess');
    const again = await validate(portal, 'p3/serviceValidate', { service: WECOM, ticket });
    expect(again.text).toContain('<cas:authenticationFailure code="INVALID_TICKET">');

    const second = await ticketFor(request.agent(portal.app));
    const wrongService = await validate(portal, 'serviceValidate', { service: `${WECOM}&extra=1`, ticket: second });
    expect(wrongService.text).toContain('code="INVALID_SERVICE"');
    expect((await validate(portal, 'serviceValidate', { service: WECOM, ticket: second })).text).toContain('code="INVALID_TICKET"');
  });

  it('binds the ticket to the exact service string', async () => {
    const portal = makePortal();
    for (const other of ['http://127.0.0.1:8080/wecom/app?x=%E4%B8%AD&from=qr', 'http://127.0.0.1:8080/wecom/app/?from=qr&x=%E4%B8%AD', 'http://localhost:8080/wecom/app?from=qr&x=%E4%B8%AD']) {
      const ticket = await ticketFor(request.agent(portal.app));
      const res = await validate(portal, 'serviceValidate', { service: other, ticket });
      expect(res.text).toContain('code="INVALID_SERVICE"');
    }
  });

  it('expires after 10 seconds by default, or CAS_ST_TTL_SECONDS', async () => {
    const portal = makePortal();
    const ticket = await ticketFor(request.agent(portal.app));
    portal.clock.advance(10_000);
    expect((await validate(portal, 'serviceValidate', { service: WECOM, ticket })).text).toContain('code="INVALID_TICKET"');

    const slow = makePortal({ CAS_ST_TTL_SECONDS: '30' });
    const later = await ticketFor(request.agent(slow.app));
    slow.clock.advance(29_000);
    expect((await validate(slow, 'serviceValidate', { service: WECOM, ticket: later })).text).toContain('authenticationSuccess');
  });

  it('answers INVALID_REQUEST when service or ticket is missing', async () => {
    const portal = makePortal();
    for (const query of [{ service: WECOM }, { ticket: 'ST-x' }, {}] as Record<string, string>[]) {
      const res = await validate(portal, 'p3/serviceValidate', query);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<cas:authenticationFailure code="INVALID_REQUEST">');
    }
  });

  it('echoes an unknown ticket escaped', async () => {
    const portal = makePortal();
    const res = await validate(portal, 'serviceValidate', { service: WECOM, ticket: '<x>&"' });
    expect(res.text).toContain('Ticket &apos;&lt;x&gt;&amp;&quot;&apos; not recognized');
  });

  it('answers INVALID_TICKET_SPEC when renew is asked of a single-sign-on ticket', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const fresh = await ticketFor(agent);
    expect((await validate(portal, 'serviceValidate', { service: WECOM, ticket: fresh, renew: 'true' })).text).toContain('authenticationSuccess');
    const sso = ticketIn((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).headers.location);
    const res = await validate(portal, 'p3/serviceValidate', { service: WECOM, ticket: sso, renew: 'true' });
    expect(res.text).toContain('code="INVALID_TICKET_SPEC"');
  });

  it('grants no proxies: pgtUrl gets UNAUTHORIZED_SERVICE_PROXY, proxy tickets are unknown, /proxy refuses', async () => {
    const portal = makePortal();
    const ticket = await ticketFor(request.agent(portal.app));
    const res = await validate(portal, 'proxyValidate', { service: WECOM, ticket, pgtUrl: 'https://127.0.0.1:9443/pgt' });
    expect(res.text).toContain('code="UNAUTHORIZED_SERVICE_PROXY"');
    expect(res.text).not.toContain('proxyGrantingTicket');
    const plain = await ticketFor(request.agent(portal.app));
    const ok = await validate(portal, 'p3/proxyValidate', { service: WECOM, ticket: plain });
    expect(ok.text).toContain('<cas:cn>赵磊</cas:cn>');
    expect((await validate(portal, 'proxyValidate', { service: WECOM, ticket: 'PT-1-abcdefghijklmnopqrstuvwxyz0123' })).text).toContain('code="INVALID_TICKET"');
    expect((await validate(portal, 'proxy', { pgt: 'PGT-1-x', targetService: WECOM })).text).toContain('<cas:proxyFailure code="INVALID_TICKET">');
    expect((await validate(portal, 'proxy', {})).text).toContain('<cas:proxyFailure code="INVALID_REQUEST">');
  });

  it('/serviceValidate (2.0) releases no attributes', async () => {
    const portal = makePortal();
    const ticket = await ticketFor(request.agent(portal.app));
    const res = await validate(portal, 'serviceValidate', { service: WECOM, ticket });
    expect(res.text).toContain(`<cas:user>${ZHAO.username}</cas:user>`);
    expect(res.text).not.toContain('cas:attributes');
  });

  it('/validate (1.0) answers yes/no lines', async () => {
    const portal = makePortal();
    const ticket = await ticketFor(request.agent(portal.app));
    const yes = await validate(portal, 'validate', { service: WECOM, ticket });
    expect(yes.headers['content-type']).toMatch(/^text\/plain/);
    expect(yes.text).toBe(`yes\n${ZHAO.username}\n`);
    expect((await validate(portal, 'validate', { service: WECOM, ticket })).text).toBe('no\n\n');
  });

  it('answers INTERNAL_ERROR in the protocol format when the server fails', async () => {
    const portal = makePortal();
    portal.db.close();
    const res = await validate(portal, 'p3/serviceValidate', { service: WECOM, ticket: 'ST-abc' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<cas:authenticationFailure code="INTERNAL_ERROR">');
  });

  it('refuses tickets whose SSO session has ended (logout between issue and validation)', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const ticket = await ticketFor(agent);
    await agent.get('/authserver/logout');
    expect((await validate(portal, 'serviceValidate', { service: WECOM, ticket })).text).toContain('code="INVALID_TICKET"');
  });
});
