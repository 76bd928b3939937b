import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, messagesOf } from '../../support/portal.ts';
import { CAMPUS, loginPage, logIn, svc, ticketIn, WECOM, ZHAO } from './helpers.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The opening tag of an element with this id. */
const tagOf = (html: string, id: string) => new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
const tgcOf = (res: { headers: Record<string, unknown> }) => ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('CASTGC='));

describe('the login page as the real one: 账号登录 and 短信登录', () => {
  it('shows 账号登录 by default and 短信登录 with ?type=dynamicLogin, each tab a link that keeps the service', async () => {
    const portal = makePortal();
    const page = await request(portal.app).get(`/authserver/login?service=${svc(WECOM)}`);
    expect(tagOf(page.text, 'pwdFromId')).not.toContain('hidden');
    expect(tagOf(page.text, 'phoneFromId')).toContain(' hidden');
    expect(tagOf(page.text, 'accountTab')).toContain('aria-current="page"');
    expect(tagOf(page.text, 'mobileTab')).toContain(`href="/authserver/login?service=${svc(WECOM).replace(/&/g, '&amp;')}&amp;type=dynamicLogin"`);
    // Both forms carry the real fields: cllt tells the server which one was posted.
    expect(page.text).toContain('<input type="hidden" name="cllt" value="userNameLogin">');
    expect(page.text).toContain('<input type="hidden" name="cllt" value="dynamicLogin">');
    expect(page.text).toMatch(/<input id="dynamicCode" name="dynamicCode"/);

    const sms = await request(portal.app).get(`/authserver/login?service=${svc(WECOM)}&type=dynamicLogin`);
    expect(tagOf(sms.text, 'pwdFromId')).toContain(' hidden');
    expect(tagOf(sms.text, 'phoneFromId')).not.toContain('hidden');
    expect(tagOf(sms.text, 'mobileTab')).toContain('aria-current="page"');
    expect(tagOf(sms.text, 'accountTab')).toContain(`href="/authserver/login?service=${svc(WECOM).replace(/&/g, '&amp;')}"`);
    // The image of the 短信登录 captcha is drawn at once when that tab is shown.
    expect(tagOf(sms.text, 'telCaptchaImg')).toMatch(/ src="\/authserver\/getCaptcha\.htl\?ltId=[A-Za-z0-9]{16}"/);
  });

  it('offers 7天免登录 and the 《隐私协议》 tick, both unticked, with the agreement one tap away', async () => {
    const portal = makePortal();
    const page = await request(portal.app).get('/authserver/login');
    expect(tagOf(page.text, 'rememberMe')).toBe('<input type="checkbox" id="rememberMe" name="rememberMe" value="true">');
    expect(tagOf(page.text, 'agreeProtocol')).toMatch(/^<input type="checkbox" id="agreeProtocol" name="agreeProtocol" value="true" data-required-message="请先确认《隐私协议》内容。">$/);
    expect(page.text).toContain('7天免登录');
    expect(page.text).toContain('我已阅读并同意</label><a class="privacy-link" href="/authserver/privacyProtocol">《隐私协议》</a>');
    const agreement = await request(portal.app).get('/authserver/privacyProtocol');
    expect(agreement.status).toBe(200);
    expect(agreement.text).toContain('<h1 class="card-title">隐私协议</h1>');
    expect(agreement.text).toContain('电子科技大学统一身份认证平台');
  });
});

describe('《隐私协议》', () => {
  it('refuses a post without the tick with the real page\'s words, counting nothing and keeping what was typed', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const page = await loginPage(agent);
    const res = await agent.post('/authserver/login').type('form').send({
      username: ZHAO.username, password: ZHAO.password, execution: page.execution, rememberMe: 'true', cllt: 'userNameLogin', _eventId: 'submit',
    });
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['请先确认《隐私协议》内容。']);
    expect(tagOf(res.text, 'agreeProtocol')).toContain('aria-invalid="true" aria-describedby="showErrorTip"');
    expect(res.text).toContain(`value="${ZHAO.username}"`);
    expect(tagOf(res.text, 'rememberMe')).toContain(' checked');
    expect(tgcOf(res)).toBeUndefined();
    expect(portal.db.prepare("SELECT COUNT(*) FROM audit WHERE event = 'LOGIN'").pluck().get()).toBe(0);
    expect(portal.db.prepare('SELECT COUNT(*) FROM attempts').pluck().get()).toBe(0);
    // The same form, ticked, logs in: the refusal did not use up its token.
    const ticked = await agent.post('/authserver/login').type('form').send({ username: ZHAO.username, password: ZHAO.password, execution: page.execution, agreeProtocol: 'true' });
    expect(ticked.status).toBe(303);
  });

  it('keeps the tick after a refused password', async () => {
    const portal = makePortal();
    const res = await logIn(request.agent(portal.app), { password: 'Wrong#Pass2026' });
    expect(messagesOf(res.text)).toEqual(['您提供的用户名或者密码有误']);
    expect(tagOf(res.text, 'agreeProtocol')).toContain(' checked');
  });
});

describe('7天免登录 (rememberMe)', () => {
  it('unticked: a browser-session CASTGC, an 8-hour SSO session with the 2-hour idle timeout', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const res = await logIn(agent, { query: `?service=${svc(WECOM)}` });
    expect(tgcOf(res)).not.toMatch(/Max-Age|Expires/i);
    const sso = portal.store.ssoSessions.findById(portal.db.prepare('SELECT id FROM sso_sessions').pluck().get() as string)!;
    expect(sso.expires_at - sso.created_at).toBe(8 * HOUR);
    expect(sso.remember_me).toBe(0);
  });

  it('ticked: a CASTGC kept for 7 days and an SSO session that lasts 7 days without an idle timeout', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const res = await logIn(agent, { query: `?service=${svc(WECOM)}`, rememberMe: true });
    expect(tgcOf(res)).toMatch(/Max-Age=604800;/);
    const sso = portal.store.ssoSessions.findById(portal.db.prepare('SELECT id FROM sso_sessions').pluck().get() as string)!;
    expect(sso.expires_at - sso.created_at).toBe(7 * DAY);
    expect(sso.remember_me).toBe(1);
    const validation = await request(portal.app).get(`/authserver/p3/serviceValidate?service=${svc(WECOM)}&ticket=${ticketIn(res.headers.location)}`);
    expect(validation.text).toContain('<cas:longTermAuthenticationRequestTokenUsed>true</cas:longTermAuthenticationRequestTokenUsed>');
    expect(JSON.parse(portal.db.prepare("SELECT params FROM audit WHERE event = 'LOGIN'").pluck().get() as string)).toMatchObject({ rememberMe: true, cllt: 'userNameLogin' });

    // Three days later, untouched all the while, the browser is still logged in ...
    portal.clock.advance(3 * DAY);
    const later = await agent.get(`/authserver/login?service=${svc(WECOM)}`);
    expect(later.status).toBe(302);
    expect(later.headers.location).toMatch(/ticket=ST-/);
    // ... and after seven days it is not.
    portal.clock.advance(4 * DAY);
    expect((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).status).toBe(200);
  });

  it('lasts CAS_REMEMBER_ME_DAYS when set', async () => {
    const portal = makePortal({ CAS_REMEMBER_ME_DAYS: '14' });
    const res = await logIn(request.agent(portal.app), { rememberMe: true });
    expect(tgcOf(res)).toMatch(/Max-Age=1209600;/);
  });
});

describe('the form as first shown, kept where views are cached (production)', () => {
  /** The page's one-time values (both execution tokens, the salt, both captcha ids) and the page without them. */
  function oneTimeValuesOf(html: string) {
    const value = (pattern: RegExp) => pattern.exec(html)?.[1] ?? '';
    const values = {
      execution: value(/id="execution" name="execution" value="([^"]+)"/),
      phoneExecution: value(/id="phoneExecution" name="execution" value="([^"]+)"/),
      salt: value(/id="pwdEncryptSalt" value="([^"]+)"/),
      captchaId: value(/<input type="hidden" name="captchaId" value="([^"]+)"/),
      smsCaptchaId: value(/id="telCaptchaId" name="captchaId" value="([^"]+)"/),
    };
    const rest = Object.entries(values).reduce((page, [name, v]) => page.replaceAll(v, `{${name}}`), html);
    return { values, rest };
  }

  it('shows the same page as a fresh rendering, with new one-time values each time, and the kept page logs in', async () => {
    const rendered = makePortal();
    const kept = makePortal();
    kept.app.enable('view cache');
    const query = `?service=${svc(WECOM)}`;
    const [fresh, first, second] = await Promise.all([rendered, kept, kept].map((p) => loginPage(request.agent(p.app), query)));
    const headersOf = async (app: typeof kept.app) => {
      const { headers } = await request(app).get(`/authserver/login${query}`);
      return { type: headers['content-type'], length: headers['content-length'], etag: headers.etag, cacheControl: headers['cache-control'] };
    };
    expect(await headersOf(kept.app)).toEqual(await headersOf(rendered.app));
    const pages = [fresh!, first!, second!].map((p) => oneTimeValuesOf(p.text));
    for (const page of pages) expect(Object.values(page.values).every((v) => /^[A-Za-z0-9._-]{16,}$/.test(v))).toBe(true);
    expect(pages[1]!.rest).toBe(pages[0]!.rest);
    expect(pages[2]!.rest).toBe(pages[0]!.rest);
    for (const name of Object.keys(pages[1]!.values) as (keyof typeof pages[1]['values'])[]) {
      expect(pages[2]!.values[name]).not.toBe(pages[1]!.values[name]);
    }

    // Another service, or the other tab, is another page.
    const campus = oneTimeValuesOf((await loginPage(request.agent(kept.app), `?service=${svc(CAMPUS)}`)).text);
    expect(campus.rest).not.toBe(pages[0]!.rest);
    expect(campus.rest).toContain(`action="/authserver/login?service=${svc(CAMPUS)}"`);
    const sms = await loginPage(request.agent(kept.app), `${query}&type=dynamicLogin`);
    expect(tagOf(sms.text, 'phoneFromId')).not.toContain('hidden');

    const res = await logIn(request.agent(kept.app), { query, encrypt: true });
    expect(res.status).toBe(302);
    expect(ticketIn(res.headers.location)).toMatch(/^ST-/);
  });
});
