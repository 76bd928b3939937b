import { afterEach, describe, expect, it } from 'vitest';
import { apiOf, noticesIn, Visitor, type Reply } from '../../scripts/portalClient.ts';
import { ADMIN_PASSWORD } from '../integration/console/consoleSupport.ts';
import { ZHAO } from '../integration/cas/helpers.ts';
import { countingVerifications } from '../support/limits.ts';
import { listen } from '../support/listen.ts';
import { makePortal, TEST_API_TOKEN } from '../support/portal.ts';

type Server = Awaited<ReturnType<typeof listen>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(env: Record<string, string>) {
  const counter = countingVerifications();
  // The production argon2 cost: each check takes long enough that the whole burst arrives while the first are checked.
  const portal = makePortal({ ARGON2_MEMORY_KIB: '19456', ARGON2_TIME_COST: '2', ...env }, { wrapPasswords: counter.wrap });
  await portal.firstAdmin.ready;
  server = await listen(portal);
  return { portal, counter, url: server.url };
}

/** A browser that has opened the login form: its own cookie and its own one-time execution. */
async function openLoginForm(url: string) {
  const visitor = new Visitor(url);
  const page = await visitor.get('/authserver/login');
  const execution = /name="execution" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
  const captchaId = /name="captchaId" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
  return (password: string) => visitor.postForm('/authserver/login', {
    username: ZHAO.username, password, execution, captcha: '', captchaId, _eventId: 'submit', cllt: 'userNameLogin', dllt: 'generalLogin', lt: '', agreeProtocol: 'true',
  });
}

const gotCastgc = (r: Reply) => (r.headers['set-cookie'] ?? []).some((c) => c.startsWith('CASTGC='));

/** Opens one form per password first, then posts them all at the same moment; the right password goes last. */
async function burst(url: string, wrong: number): Promise<{ replies: Reply[]; right: Reply }> {
  const passwords = [...Array.from({ length: wrong }, (_, i) => `Wrong#Guess${i}`), ZHAO.password];
  // Opened together, so each browser holds its own open connection and the posts leave at the same moment.
  const forms = await Promise.all(passwords.map(() => openLoginForm(url)));
  const replies = await Promise.all(forms.map((post, i) => post(passwords[i]!)));
  return { replies, right: replies.at(-1)! };
}

describe('a burst of parallel guesses at one CAS account', () => {
  it('30 wrong and the right password at once: at most LOGIN_MAX_FAILURES are verified, the account locks, no CASTGC', async () => {
    const { portal, counter, url } = await serve({ CAPTCHA_ENABLED: 'false' });
    const { replies, right } = await burst(url, 30);

    expect(counter.verifications).toBeLessThanOrEqual(portal.config.limits.loginMaxFailures);
    expect(replies.filter(gotCastgc)).toEqual([]);
    // The right password arrived while the limit was full of guesses being checked: it was not checked either.
    expect(right.status).toBe(429);
    expect(noticesIn(right.text)).toEqual(['操作过于频繁，请稍后再试']);
    expect((await apiOf(url, TEST_API_TOKEN).candidate(ZHAO.username)).status).toBe('locked');
    // Afterwards the right password from the same place still meets the lock.
    const after = await (await openLoginForm(url))(ZHAO.password);
    expect(gotCastgc(after)).toBe(false);
    expect(noticesIn(after.text)).toEqual([expect.stringMatching(/^账号已冻结，预计解冻时间：2026-03-10 10:15:00$/)]);
    expect(portal.db.prepare(`SELECT COUNT(*) FROM audit WHERE event = 'LOGIN' AND outcome = 'ok'`).pluck().get()).toBe(0);
  });

  it('100 wrong and the right password at once with captchas on: the captcha is demanded, the same result', async () => {
    const { portal, counter, url } = await serve({});
    const { replies, right } = await burst(url, 100);

    expect(counter.verifications).toBeLessThanOrEqual(portal.config.limits.loginCaptchaAfterFailures);
    expect(replies.some((r) => noticesIn(r.text).includes('请输入验证码'))).toBe(true);
    expect(replies.filter(gotCastgc)).toEqual([]);
    expect(noticesIn(right.text)[0]).toMatch(/^(账号已冻结|请输入验证码|操作过于频繁)/);
    expect((await apiOf(url, TEST_API_TOKEN).candidate(ZHAO.username)).status).toBe('locked');
  });
});

describe('a burst of right passwords for one account', () => {
  it('locks nothing: those checked sign in, those beyond the limit are asked to wait, and the next login works', async () => {
    const { portal, counter, url } = await serve({ CAPTCHA_ENABLED: 'false' });
    const forms = await Promise.all(Array.from({ length: 12 }, () => openLoginForm(url)));
    const replies = await Promise.all(forms.map((post) => post(ZHAO.password)));

    expect(counter.verifications).toBeLessThanOrEqual(portal.config.limits.loginMaxFailures);
    expect(replies.filter(gotCastgc).length).toBeGreaterThanOrEqual(1);
    for (const r of replies.filter((x) => !gotCastgc(x))) expect(noticesIn(r.text)).toEqual(['操作过于频繁，请稍后再试']);
    expect((await apiOf(url, TEST_API_TOKEN).candidate(ZHAO.username)).status).toBe('active');
    expect(gotCastgc(await (await openLoginForm(url))(ZHAO.password))).toBe(true);
    expect(portal.db.prepare(`SELECT COUNT(*) FROM audit WHERE code = 'ACCOUNT_LOCKED'`).pluck().get()).toBe(0);
  });
});

describe('a burst of parallel guesses at the console', () => {
  it('15 wrong and the right admin password at once: nobody is signed in, at most CONSOLE_MAX_LOGIN_FAILURES verified', async () => {
    const { portal, counter, url } = await serve({ CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const passwords = [...Array.from({ length: 15 }, (_, i) => `wrong-admin-${i}`), ADMIN_PASSWORD];
    const visitors = await Promise.all(passwords.map(async () => {
      const v = new Visitor(url);
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await v.get('/console/login')).text)?.[1] ?? '';
      return { v, csrf };
    }));
    counter.verifications = 0;
    const replies = await Promise.all(visitors.map(({ v, csrf }, i) => v.postForm('/console/login', { username: 'admin', password: passwords[i]!, _csrf: csrf })));

    expect(counter.verifications).toBeLessThanOrEqual(portal.config.console.maxLoginFailures);
    expect(replies.filter((r) => r.status === 303)).toEqual([]);
    expect(replies.at(-1)!.status).toBe(429);
    expect(replies.at(-1)!.text).toMatch(/登录失败次数过多，请\d+分钟后再试|操作过于频繁，请稍后再试/);
    expect((await visitors.at(-1)!.v.get('/console')).status).toBe(303);
    expect(portal.db.prepare(`SELECT COUNT(*) FROM audit WHERE event = 'STAFF_LOGIN' AND outcome = 'ok'`).pluck().get()).toBe(0);
  });
});
