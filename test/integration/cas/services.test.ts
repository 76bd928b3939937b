import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN, type TestPortal } from '../../support/portal.ts';
import { logIn, svc, ticketIn } from './helpers.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };
const api = (portal: TestPortal) => ({
  get: (path: string) => request(portal.app).get(`/api/v1${path}`).set(auth),
  post: (path: string, body: unknown) => request(portal.app).post(`/api/v1${path}`).set(auth).send(body as object),
  put: (path: string, body: unknown) => request(portal.app).put(`/api/v1${path}`).set(auth).send(body as object),
  del: (path: string) => request(portal.app).delete(`/api/v1${path}`).set(auth),
});

const hr = {
  name: 'HR system',
  urlPattern: '^https://hr\\.example\\.edu\\.cn:8443/cas/.*$',
  allowedAccountTypes: ['candidate', 'staff'],
  releasedAttributes: { uid: 'employeeNumber', cn: 'displayName' },
};

describe('service matching', () => {
  it.each([
    'http://127.0.0.1.evil.example/wecom/',
    'http://localhost.evil.example:8080/wecom/',
    'http://localhost@evil.example/wecom/',
    'http://127.0.0.1:8080@evil.example/wecom/',
    'http://user:pass@127.0.0.1:8080/wecom/',
    'http://127.0.0.1:8080\\@evil.example/wecom/',
    'http://127.0.0.1:8080/wecom/../admin/',
    'http://127.0.0.1:8080/wecom/%2e%2e/admin/',
    'https://127.0.0.1:8080/wecom/',
    'http://127.0.0.1:8080/wecomx/',
    'http://127.0.0.1:8080/other/wecom/',
    'http://evil.example/?next=http://127.0.0.1/wecom/',
    'http://127.0.0.2:8080/wecom/',
    ' http://127.0.0.1:8080/wecom/',
    'http://127.0.0.1:8080/wecom/..;/new/index.html',
    'http://127.0.0.1:8080/wecom/..%2fnew/index.html',
    'http://127.0.0.1:8080/wecom/%2f../new/index.html',
    'http://127.0.0.1:8080/wecom/%2e./new/index.html',
    'http://127.0.0.1:8080/wecom/..%5cnew/index.html',
    'http://127.0.0.1:8080/wecom/%252e%252e/new/index.html',
  ])('refuses look-alike %s with 应用未注册 and no redirect', async (url) => {
    const portal = makePortal();
    const res = await request(portal.app).get(`/authserver/login?service=${svc(url)}`);
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('应用未注册');
  });

  it.each(['http://127.0.0.1:8080/wecom/', 'http://localhost/wecom/index?a=1', 'http://localhost:65535/wecom/x/y#z'])('accepts %s', async (url) => {
    const portal = makePortal();
    const res = await request(portal.app).get(`/authserver/login?service=${svc(url)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="execution"');
  });

  it('gives a signed-in candidate no ticket for /wecom/..;/new/, which Tomcat routes to the campus portal', async () => {
    const portal = makePortal();
    const browser = request.agent(portal.app);
    const confused = 'http://127.0.0.1:8080/wecom/..;/new/index.html';
    const form = await logIn(browser, { query: `?service=${svc(confused)}` });
    expect(form.status).toBe(403);
    expect(form.text).toContain('应用未注册');
    await logIn(browser);
    const sso = await browser.get(`/authserver/login?service=${svc(confused)}`);
    expect(sso.status).toBe(403);
    expect(sso.headers.location).toBeUndefined();
    expect(portal.db.prepare('SELECT service FROM service_tickets').all()).toEqual([]);
  });

  it('refuses a pattern that could backtrack without bound, on registration and on update', async () => {
    const portal = makePortal();
    const created = await api(portal).post('/services', { ...hr, urlPattern: '^https://hr\\.example\\.edu\\.cn/(a+)+$' });
    expect(created.status).toBe(400);
    expect(created.body.fields.urlPattern).toEqual({
      code: 'PATTERN_UNSAFE', message: '服务地址规则含有嵌套或重叠的重复（如 (a+)+），匹配时间可能随地址长度成倍增长，请改写',
    });
    const { body } = await api(portal).post('/services', hr);
    const updated = await api(portal).put(`/services/${body.id}`, { ...hr, urlPattern: '^https://hr\\.example\\.edu\\.cn/([a-z]+)*$' });
    expect(updated.status).toBe(400);
    expect(updated.body.fields.urlPattern.code).toBe('PATTERN_UNSAFE');
    expect((await api(portal).get(`/services/${body.id}`)).body.urlPattern).toBe(hr.urlPattern);
  });

  it('never matches a slow pattern written into the database by hand, so no ?service= can stall the server', async () => {
    const portal = makePortal();
    portal.db.prepare("UPDATE services SET url_pattern = ? WHERE name = '企业微信激活'")
      .run('^http://(?:127\\.0\\.0\\.1|localhost)(?::[0-9]{1,5})?/wecom/(a+)+$');
    // With a backtracking match this URL alone takes hours: each further "a" doubles the time.
    const res = await request(portal.app).get(`/authserver/login?service=${svc(`http://127.0.0.1/wecom/${'a'.repeat(40)}!`)}`);
    expect(res.status).toBe(403);
    expect(res.text).toContain('应用未注册');
    expect((await request(portal.app).get(`/authserver/login?service=${svc('http://127.0.0.1/wecom/aaa')}`)).status).toBe(403);
  });

  it('tells a different port or scheme from the registered one', async () => {
    const portal = makePortal();
    expect((await api(portal).post('/services', hr)).status).toBe(201);
    const at = async (url: string) => (await request(portal.app).get(`/authserver/login?service=${svc(url)}`)).status;
    expect(await at('https://hr.example.edu.cn:8443/cas/login')).toBe(200);
    expect(await at('https://hr.example.edu.cn:8444/cas/login')).toBe(403);
    expect(await at('https://hr.example.edu.cn/cas/login')).toBe(403);
    expect(await at('http://hr.example.edu.cn:8443/cas/login')).toBe(403);
  });
});

describe('/api/v1/services', () => {
  it('needs the bearer token', async () => {
    const portal = makePortal();
    expect((await request(portal.app).get('/api/v1/services')).status).toBe(401);
  });

  it('lists the demo services', async () => {
    const portal = makePortal();
    const res = await api(portal).get('/services');
    expect(res.body.map((s: { name: string }) => s.name)).toEqual(['企业微信激活', '网上办事服务大厅']);
    expect(res.body[0]).toMatchObject({ enabled: true, allowedAccountTypes: ['candidate', 'student', 'staff'], releasedAttributes: { uid: 'uid', cn: 'cn', accountType: 'accountType', department: 'department', mobile: 'mobile', mail: 'mail' } });
    expect(res.body[1].allowedAccountTypes).not.toContain('candidate');
  });

  it('registers a service whose attributes are released under its own names', async () => {
    const portal = makePortal();
    const created = await api(portal).post('/services', hr);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/services/${created.body.id}`);
    const service = 'https://hr.example.edu.cn:8443/cas/login?next=%2Fhome';
    const login = await logIn(request.agent(portal.app), { query: `?service=${svc(service)}` });
    const xml = await request(portal.app).get(`/authserver/p3/serviceValidate?service=${svc(service)}&ticket=${ticketIn(login.headers.location)}`);
    expect(xml.text).toContain('<cas:employeeNumber>106146510100009</cas:employeeNumber>');
    expect(xml.text).toContain('<cas:displayName>赵磊</cas:displayName>');
    expect(xml.text).not.toContain('<cas:mobile>');
    expect(portal.db.prepare("SELECT actor FROM audit WHERE event = 'SERVICE_CREATED'").get()).toEqual({ actor: 'api' });
  });

  it.each([
    [{ ...hr, urlPattern: 'https://hr\\.example/.*' }, 'urlPattern', 'PATTERN_NOT_ANCHORED'],
    [{ ...hr, urlPattern: '^https://hr/(.*$' }, 'urlPattern', 'PATTERN_INVALID'],
    [{ ...hr, releasedAttributes: { uid: 'bad name' } }, 'releasedAttributes.uid', 'INVALID'],
    [{ ...hr, releasedAttributes: { idNumber: 'id' } }, 'releasedAttributes', 'UNKNOWN_FIELD'],
    [{ ...hr, allowedAccountTypes: [] }, 'allowedAccountTypes', 'INVALID'],
    [{ ...hr, allowedAccountTypes: ['visitor'] }, 'allowedAccountTypes.0', 'INVALID'],
    [{ ...hr, logoutUrl: 'ftp://x/' }, 'logoutUrl', 'INVALID'],
    [{ ...hr, extra: 1 }, '_body', 'UNKNOWN_FIELD'],
    [{ ...hr, name: '' }, 'name', 'INVALID'],
  ])('refuses %j (%s → %s) and stores nothing', async (body, field, code) => {
    const portal = makePortal();
    const res = await api(portal).post('/services', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    // Unknown keys are reported under the object or under their own name, depending on the API version.
    if (code === 'UNKNOWN_FIELD') expect(Object.values(res.body.fields as Record<string, { code: string }>).map((f) => f.code)).toContain(code);
    else expect(res.body.fields[field]?.code).toBe(code);
    expect((await api(portal).get('/services')).body).toHaveLength(2);
  });

  it('refuses a duplicate name with 409', async () => {
    const portal = makePortal();
    await api(portal).post('/services', hr);
    expect((await api(portal).post('/services', hr)).status).toBe(409);
  });

  it('updates and deletes; a disabled or deleted service is unregistered at once', async () => {
    const portal = makePortal();
    const { body } = await api(portal).post('/services', hr);
    const url = `/authserver/login?service=${svc('https://hr.example.edu.cn:8443/cas/')}`;
    expect((await request(portal.app).get(url)).status).toBe(200);
    const updated = await api(portal).put(`/services/${body.id}`, { ...hr, enabled: false });
    expect(updated.status).toBe(200);
    expect(updated.body.enabled).toBe(false);
    expect((await request(portal.app).get(url)).status).toBe(403);
    expect((await api(portal).del(`/services/${body.id}`)).status).toBe(204);
    expect((await api(portal).get(`/services/${body.id}`)).status).toBe(404);
    expect((await api(portal).put(`/services/${body.id}`, hr)).status).toBe(404);
    expect((await api(portal).del('/services/abc')).status).toBe(404);
  });
});

describe('/api/v1/settings', () => {
  it('switches captchas off and on', async () => {
    const portal = makePortal();
    expect((await api(portal).get('/settings')).body).toEqual({ captcha: true });
    expect((await api(portal).put('/settings', { captcha: false })).body).toEqual({ captcha: false });
    expect((await api(portal).get('/settings')).body).toEqual({ captcha: false });
    expect((await api(portal).put('/settings', { captcha: 'no' })).status).toBe(400);
    expect((await api(portal).put('/settings', { other: true })).status).toBe(400);
  });
});
