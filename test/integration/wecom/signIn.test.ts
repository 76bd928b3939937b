import { describe, expect, it } from 'vitest';
import { logIn } from '../cas/helpers.ts';
import { casLogin, pathOf, signIn, VERIFY, wecomServerForFile, ZHAO } from '../../support/wecom.ts';

const sessionCookieOf = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('WECOM_SESSION='))?.split(';')[0];

describe('第二步 身份验证: GET /wecom/activate', () => {
  const s = wecomServerForFile();

  it('sends the browser to the CAS login with a service URL that carries a state of this session', async () => {
    const res = await s.browser().get('/wecom/activate');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.location as string, s.url);
    expect(location.pathname).toBe('/authserver/login');
    const service = new URL(location.searchParams.get('service')!);
    expect(`${service.origin}${service.pathname}`).toBe(`${s.url}/wecom/activate`);
    expect(service.searchParams.get('state')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(sessionCookieOf(res)).toMatch(/^WECOM_SESSION=/);
  });

  it('validates the ticket over HTTP, reads uid, cn and department, and regenerates the session', async () => {
    const browser = s.browser();
    const start = await browser.get('/wecom/activate');
    const before = sessionCookieOf(start);
    const back = await casLogin(browser, start.headers.location as string, ZHAO);
    const landed = await browser.get(pathOf(back.headers.location as string));
    expect(landed.status).toBe(303);
    expect(landed.headers.location).toBe(VERIFY);
    expect(sessionCookieOf(landed)).toBeDefined();
    expect(sessionCookieOf(landed)).not.toBe(before);
    const page = await browser.get(VERIFY);
    expect(page.text).toContain('<dd id="uid">106146510100009</dd>');
    expect(page.text).toContain('<dd id="cn">赵磊</dd>');
    expect(page.text).toContain('<dd id="department">自动化工程学院</dd>');
    const member = s.portal.db.prepare('SELECT * FROM wecom_members WHERE uid = ?').get(ZHAO.uid) as { name: string; account_type: string; needs_second_auth: number };
    expect(member).toMatchObject({ name: '赵磊', account_type: 'candidate', needs_second_auth: 1 });
  });

  it('passes through single sign-on without the form when the browser is logged in at the portal', async () => {
    const browser = s.browser();
    await logIn(browser, { username: ZHAO.uid, password: ZHAO.password });
    const start = await browser.get('/wecom/activate');
    const sso = await browser.get(pathOf(start.headers.location as string));
    expect(sso.status).toBe(302);
    const landed = await browser.get(pathOf(sso.headers.location as string));
    expect(landed.headers.location).toBe(VERIFY);
  });

  it('refuses a ticket for a login this browser did not start (login CSRF), and does not validate it', async () => {
    const attacker = s.browser();
    const start = await attacker.get('/wecom/activate');
    const back = await casLogin(attacker, start.headers.location as string, ZHAO);
    const victim = s.browser();
    await victim.get('/wecom/');
    const planted = await victim.get(pathOf(back.headers.location as string));
    expect(planted.status).toBe(403);
    expect(planted.text).toContain('登录请求无效或已过期，请从激活页面重新进入');
    expect((await victim.get(VERIFY)).status).toBe(303);
    // The attacker's own ticket was not spent by the refusal: the CAS server still vouches for it once.
    expect((await attacker.get(pathOf(back.headers.location as string))).status).toBe(303);
  });

  it('refuses a replayed callback and a wrong state', async () => {
    const browser = s.browser();
    const start = await browser.get('/wecom/activate');
    const back = await casLogin(browser, start.headers.location as string, ZHAO);
    const callback = pathOf(back.headers.location as string);
    expect((await browser.get(callback)).status).toBe(303);
    const replay = await browser.get(callback);
    expect(replay.status).toBe(403);
    await browser.get('/wecom/activate');
    const wrong = await browser.get(callback.replace(/state=\w+/, 'state=x'));
    expect(wrong.status).toBe(403);
  });

  it('says clearly when the CAS server refuses the ticket', async () => {
    const browser = s.browser();
    const start = await browser.get('/wecom/activate');
    const state = new URL(new URL(start.headers.location as string, s.url).searchParams.get('service')!).searchParams.get('state');
    const res = await browser.get(`/wecom/activate?state=${state}&ticket=ST-1-forged`);
    expect(res.status).toBe(401);
    expect(res.text).toContain('统一身份认证校验失败（INVALID_TICKET），请重新进行身份验证');
    expect(res.text).toContain('返回激活首页');
  });

  it('sends a browser without a sign-in from a later step to the CAS login', async () => {
    const browser = s.browser();
    const res = await browser.get(VERIFY);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/wecom\/activate/);
    const cas = await browser.get(res.headers.location as string);
    expect(cas.headers.location).toMatch(/^\/authserver\/login\?service=/);
  });

  it('starts again once the sign-in is older than WECOM_SESSION_MINUTES', async () => {
    const browser = s.browser();
    await signIn(browser);
    s.portal.clock.advance(31 * 60_000);
    const res = await browser.get(VERIFY);
    expect(res.status).toBe(400);
    expect(res.text).toContain('登录已超过30分钟，为保证安全请重新进行身份验证');
    expect(res.text).toContain('前往统一身份认证');
  });
});
