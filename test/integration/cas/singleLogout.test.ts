import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { AGENT, consoleCsrf, makeConsolePortal } from '../console/consoleSupport.ts';
import { startCasClientApp, signInTo, signedInUser, type CasClientApp } from '../../support/casClientApp.ts';
import { listen } from '../../support/listen.ts';
import { csrfFrom, latestCodeTo, makePortal, solvedCaptchaOf, TEST_API_TOKEN, type Agent, type TestPortal } from '../../support/portal.ts';
import { ZHAO } from './helpers.ts';

// Every end of an SSO session reaches its services, checked with http-cas-client apps A (form login)
// and C (renew=true: the login form again in the same browser).

const LIU = { username: '106146510100010', password: 'Liu#Physics2026' };
const HOUR = 60 * 60 * 1000;

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function setUp(portal: TestPortal = makePortal()) {
  const server = await listen(portal);
  running.push(server);
  const a = await startCasClientApp(portal, server.url);
  const c = await startCasClientApp(portal, server.url, { renew: true });
  running.push(a, c);
  return { portal, portalUrl: server.url, a, c, browser: request.agent(server.url) };
}

/** 赵磊 into A by the form, then into C by the form again (renew) in the same browser. */
async function zhaoInBoth(portalUrl: string, a: CasClientApp, c: CasClientApp, browser: Agent) {
  const inA = await signInTo(a, portalUrl, browser, ZHAO);
  const inC = await signInTo(c, portalUrl, browser, ZHAO);
  return { inA, inC };
}

async function activateLiu(portal: TestPortal) {
  const liu = portal.store.candidates.findByCandidateNo(LIU.username)!;
  const passwordHash = await portal.passwords.hash(LIU.password);
  portal.store.candidates.activate({ id: liu.id, phone: '13900139010', email: 'liuyang@example.com', passwordHash, now: portal.clock.now() });
}

const openSessions = (portal: TestPortal, username: string) =>
  portal.store.ssoSessions.openForCandidate(portal.store.candidates.findByCandidateNo(username)!.id, portal.clock.now());

describe('single logout reaches every service, once, whatever ends the SSO session', () => {
  it('the same person logging in again keeps the SSO session; logout then tells A and C once each', async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    const { inA, inC } = await zhaoInBoth(portalUrl, a, c, browser);
    expect(openSessions(portal, ZHAO.username)).toHaveLength(1);
    expect(a.logoutRequests).toEqual([]);
    expect(await signedInUser(a, inA)).toBe(ZHAO.username);

    await browser.get('/authserver/logout');
    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
    expect(await signedInUser(c, inC)).toBeUndefined();
    // A second logout finds nothing left to tell.
    await browser.get('/authserver/logout');
    expect([a.logoutRequests.length, c.logoutRequests.length]).toEqual([1, 1]);
  });

  it("another person logging in in the same browser ends the first one's session with single logout", async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    await activateLiu(portal);
    const zhaoInA = await signInTo(a, portalUrl, browser, ZHAO);
    const liuInC = await signInTo(c, portalUrl, browser, LIU);
    expect(a.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, zhaoInA)).toBeUndefined();
    expect(await signedInUser(c, liuInC)).toBe(LIU.username);
    expect(openSessions(portal, ZHAO.username)).toHaveLength(0);

    await browser.get('/authserver/logout');
    expect(c.logoutRequests).toEqual(['/page']);
    expect(a.logoutRequests).toEqual(['/page']);
  });

  it('a 忘记密码 reset tells A and C', async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    const { inA, inC } = await zhaoInBoth(portalUrl, a, c, browser);
    const R = '/retrieve-password/passwordRetrieve';
    const phone = '13800138009';
    const other = request.agent(portal.app);
    const post = async (path: string, form: Record<string, string>, csrfPath = path) => {
      const page = await other.get(csrfPath);
      return other.post(path).type('form').send({ ...await solvedCaptchaOf(other, page.text), ...form, _csrf: csrfFrom(page.text) });
    };
    const page = await other.get(R);
    const captchaId = /name="captchaId" value="([^"]+)"/.exec(page.text)![1]!;
    await other.get(`/retrieve-password/generateCaptcha?ltId=${captchaId}`);
    await other.post(R).type('form').send({ username: ZHAO.username, captcha: portal.store.captchas.peek(captchaId)!, captchaId, _csrf: csrfFrom(page.text) });
    await post(`${R}/verify/code`, { method: 'cellphone', contact: phone }, `${R}/verify`);
    await post(`${R}/verify`, { method: 'cellphone', contact: phone, code: latestCodeTo(portal, phone) });
    const reset = await post(`${R}/password`, { password: 'Qingshui#River88', confirmPassword: 'Qingshui#River88' });
    expect(reset.status).toBe(303);

    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
    expect(await signedInUser(c, inC)).toBeUndefined();
  });

  it("the console's 重置激活 tells A and C", async () => {
    const { portalUrl, a, c, browser } = await setUp(await makeConsolePortal());
    const { inA, inC } = await zhaoInBoth(portalUrl, a, c, browser);
    const candidatePage = `/console/candidates/${ZHAO.username}`;
    const console = request.agent(portalUrl);
    const login = await console.get('/console/login');
    await console.post('/console/login').type('form').send({ username: AGENT.username, password: AGENT.password, _csrf: csrfFrom(login.text) });
    const done = await console.post(`${candidatePage}/actions/reset-activation`).type('form')
      .send({ reason: '考生换手机，需重新激活', confirm: '1', _csrf: await consoleCsrf(console, candidatePage) });
    expect(done.status).toBe(303);

    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
    expect(await signedInUser(c, inC)).toBeUndefined();
  });

  it('a forced password reset (API) tells A and C', async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    const { inA, inC } = await zhaoInBoth(portalUrl, a, c, browser);
    const forced = await request(portal.app).post(`/api/v1/candidates/${ZHAO.username}/actions/force-password-reset`)
      .set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({ reason: '疑似密码泄露' });
    expect(forced.status).toBe(200);

    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
    expect(await signedInUser(c, inC)).toBeUndefined();
    expect(openSessions(portal, ZHAO.username)).toHaveLength(0);
  });

  it('deleting the account (API) tells A and C and answers 204', async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    const { inA, inC } = await zhaoInBoth(portalUrl, a, c, browser);
    const deleted = await request(portal.app).delete(`/api/v1/candidates/${ZHAO.username}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    expect(deleted.status).toBe(204);

    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
    expect(await signedInUser(c, inC)).toBeUndefined();
  });

  it('a training reset (POST /api/v1/reset) tells A and C before the sessions are gone', async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    const { inA, inC } = await zhaoInBoth(portalUrl, a, c, browser);
    const reset = await request(portal.app).post('/api/v1/reset').set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    expect(reset.status).toBe(200);

    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
    expect(await signedInUser(c, inC)).toBeUndefined();
  });

  it('expiry: the sweep ends an idle session and tells A and C once, however often it runs', async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    const { inA, inC } = await zhaoInBoth(portalUrl, a, c, browser);
    portal.clock.advance(portal.config.cas.ssoSessionIdleMs);
    expect(await portal.singleLogout.sweepExpired()).toBe(1);
    expect(await portal.singleLogout.sweepExpired()).toBe(0);

    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
    expect(await signedInUser(c, inC)).toBeUndefined();
  });

  it('expiry: a 7天免登录 session has no idle timeout, so the sweep ends it only past its lifetime', async () => {
    const { portal, portalUrl, a, browser } = await setUp();
    const inA = await signInTo(a, portalUrl, browser, { ...ZHAO, rememberMe: 'true' });
    portal.clock.advance(portal.config.cas.ssoSessionIdleMs + HOUR);
    expect(await portal.singleLogout.sweepExpired()).toBe(0);
    expect(await signedInUser(a, inA)).toBe(ZHAO.username);
    portal.clock.advance(portal.config.cas.rememberMeTtlMs);
    expect(await portal.singleLogout.sweepExpired()).toBe(1);
    expect(a.logoutRequests).toEqual(['/page']);
    expect(await signedInUser(a, inA)).toBeUndefined();
  });

  it('expiry: the next visit with the cookie of a session past its lifetime tells its services, and a racing sweep does not repeat it', async () => {
    const { portal, portalUrl, a, c, browser } = await setUp();
    await zhaoInBoth(portalUrl, a, c, browser);
    portal.clock.advance(portal.config.cas.ssoSessionTtlMs + HOUR);
    const [page] = await Promise.all([browser.get('/authserver/login'), portal.singleLogout.sweepExpired(), browser.get('/authserver/logout')]);
    expect(page.text).toContain('name="execution"');
    expect(a.logoutRequests).toEqual(['/page']);
    expect(c.logoutRequests).toEqual(['/page']);
  });
});
