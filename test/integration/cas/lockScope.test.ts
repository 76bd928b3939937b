// A lock must not be a free denial of service: failures from one address lock the account for that address,
// and a login from elsewhere that has not failed still works. Clients connect from distinct loopback addresses.
import { afterEach, describe, expect, it } from 'vitest';
import { apiOf, noticesIn, send, Visitor, type Reply } from '../../../scripts/portalClient.ts';
import { listen } from '../../support/listen.ts';
import { makePortal, TEST_API_TOKEN, type TestPortal } from '../../support/portal.ts';
import { ADMIN_PASSWORD } from '../console/consoleSupport.ts';
import { ZHAO } from './helpers.ts';

const ATTACKER = '127.0.0.2';
const OWNER = '127.0.0.3';
const THIRD = '127.0.0.4';

let server: Awaited<ReturnType<typeof listen>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(env: Record<string, string> = {}) {
  const portal = makePortal({ CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env });
  await portal.firstAdmin.ready;
  server = await listen(portal);
  return { portal, url: server.url };
}

/** One CAS login from `from`, solving the captcha (as a person reading the image would) when the form shows one. */
async function casLogin(portal: TestPortal, url: string, from: string, password: string): Promise<Reply> {
  const v = new Visitor(url, from);
  const page = await v.get('/authserver/login');
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page.text)?.[1] ?? '';
  const captchaId = field('captchaId');
  const needed = (await v.get(`/authserver/checkNeedCaptcha.htl?username=${ZHAO.username}`)).text.includes('true');
  let captcha = '';
  if (needed) {
    await v.get(`/authserver/getCaptcha.htl?ltId=${captchaId}`);
    captcha = portal.store.captchas.peek(captchaId) ?? '';
  }
  return v.postForm('/authserver/login', { username: ZHAO.username, password, execution: field('execution'), captcha, captchaId, agreeProtocol: 'true' });
}

const signedIn = (r: Reply) => r.status === 303 && (r.headers['set-cookie'] ?? []).some((c) => c.startsWith('CASTGC='));

describe('CAS login locks per account and address', () => {
  it('keeps the attacker\'s address locked while the owner logs in from elsewhere, behind the captcha', async () => {
    const { portal, url } = await serve();
    for (let i = 0; i < 5; i++) await casLogin(portal, url, ATTACKER, `Wrong#${i}`);
    const attacker = await casLogin(portal, url, ATTACKER, ZHAO.password);
    expect(signedIn(attacker)).toBe(false);
    expect(noticesIn(attacker.text)[0]).toMatch(/^账号已冻结，预计解冻时间：/);

    const owner = await casLogin(portal, url, OWNER, ZHAO.password);
    expect(signedIn(owner)).toBe(true);
    // The address that failed stays locked; the help desk sees the lock and where it holds.
    expect(portal.store.attempts.locksOf(ZHAO.username, portal.clock.now())).toEqual([
      { kind: 'login', address: ATTACKER, until: expect.any(Number) },
    ]);
    expect((await apiOf(url, TEST_API_TOKEN).candidate(ZHAO.username)).status).toBe('locked');

    // The help desk's 解除锁定 lifts a lock that holds for one address too.
    const unlock = await send(`${url}/api/v1/candidates/${ZHAO.username}/actions/unlock`, {
      method: 'POST', headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: '考生来电' }),
    });
    expect(JSON.parse(unlock.text)).toMatchObject({ code: 'ACTION_DONE_unlock', candidate: { status: 'active' } });
    expect(signedIn(await casLogin(portal, url, ATTACKER, ZHAO.password))).toBe(true);
  });

  it('locks the account everywhere once all addresses together reach LOGIN_MAX_FAILURES_ALL_ADDRESSES', async () => {
    const { portal, url } = await serve({ CAPTCHA_ENABLED: 'false', LOGIN_MAX_FAILURES_ALL_ADDRESSES: '7' });
    for (let i = 0; i < 5; i++) await casLogin(portal, url, ATTACKER, `Wrong#${i}`);
    await casLogin(portal, url, THIRD, 'Wrong#a');
    expect(signedIn(await casLogin(portal, url, OWNER, ZHAO.password))).toBe(true);
    // The owner's success forgets the failures; the spread-out guessing has to start over.
    for (let i = 0; i < 4; i++) await casLogin(portal, url, THIRD, `Wrong#b${i}`);
    for (const [i, from] of ['127.0.0.5', '127.0.0.6', '127.0.0.7'].entries()) await casLogin(portal, url, from, `Wrong#c${i}`);
    const owner = await casLogin(portal, url, OWNER, ZHAO.password);
    expect(signedIn(owner)).toBe(false);
    expect(noticesIn(owner.text)[0]).toMatch(/^账号已冻结/);
  });
});

describe('console sign-in locks per user name and address', () => {
  async function consoleLogin(url: string, from: string, password: string): Promise<Reply> {
    const v = new Visitor(url, from);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await v.get('/console/login')).text)?.[1] ?? '';
    return v.postForm('/console/login', { username: 'admin', password, _csrf: csrf });
  }

  it('lets admin in from an address that has not failed while a stranger\'s address stays locked', async () => {
    const { url } = await serve();
    for (let i = 0; i < 5; i++) await consoleLogin(url, ATTACKER, `wrong-${i}`);
    const stranger = await consoleLogin(url, ATTACKER, ADMIN_PASSWORD);
    expect(stranger.status).toBe(429);
    expect(stranger.text).toContain('登录失败次数过多');
    expect((await consoleLogin(url, OWNER, ADMIN_PASSWORD)).status).toBe(303);
  });

  it('locks admin everywhere at CONSOLE_MAX_LOGIN_FAILURES_ALL_ADDRESSES', async () => {
    const { url } = await serve({ CONSOLE_MAX_LOGIN_FAILURES_ALL_ADDRESSES: '6' });
    for (let i = 0; i < 5; i++) await consoleLogin(url, ATTACKER, `wrong-${i}`);
    await consoleLogin(url, THIRD, 'wrong-x');
    expect((await consoleLogin(url, OWNER, ADMIN_PASSWORD)).status).toBe(429);
  });
});
