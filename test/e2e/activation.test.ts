import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { A, demo, GOOD_PASSWORD } from '../support/activation.ts';
import { listen } from '../support/listen.ts';
import { codeSentThroughApi, makePortal, type TestPortal } from '../support/portal.ts';
import { chromiumMissing, launchChromium, PHONE_CONTEXT, screenshot, seriousViolations } from './browser.ts';

type Candidate = (typeof demo)[keyof typeof demo];

const STAFF_PASSWORD = 'Helpdesk#Console2026';
/** A help-desk agent's desk. */
const DESKTOP_CONTEXT = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' } as const;

describe.skipIf(chromiumMissing)('a candidate activates on a phone in a real browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'idas-e2e-'));
  let portal: TestPortal;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    portal = makePortal({ CONSOLE_ADMIN_PASSWORD: STAFF_PASSWORD }, { dbPath: join(dir, 'portal.sqlite') });
    server = await listen(portal);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    portal?.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Screenshot and accessibility check of the page as it stands. */
  async function record(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    const jsOff = !name.startsWith('js-');
    expect(await seriousViolations(page, jsOff ? await axeChecker() : undefined), `axe on ${name}`).toEqual([]);
  }

  let checker: Page | undefined;
  /** A scripted page that runs axe on the markup of pages shown without JavaScript. */
  async function axeChecker(): Promise<Page> {
    checker ??= await (await browser.newContext(PHONE_CONTEXT)).newPage();
    return checker;
  }

  /** Types the answer of the graphic captcha the page shows, once the browser has drawn it, as a trainer's tool reads it. */
  async function solveCaptcha(page: Page): Promise<void> {
    const id = await page.inputValue('input[name="captchaId"]');
    await expect.poll(() => portal.store.captchas.peek(id)).toBeTruthy();
    await page.fill('#captcha', portal.store.captchas.peek(id)!);
  }

  async function tapAndWait(page: Page, selector: string, urlEnd: string): Promise<void> {
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith(urlEnd)), page.tap(selector)]);
  }

  async function bindContact(page: Page, prefix: string, field: 'phone' | 'email', value: string, jsOn: boolean) {
    await page.fill(`#${field}`, value);
    await solveCaptcha(page);
    await Promise.all([page.waitForLoadState('load'), page.waitForURL((u) => u.pathname.endsWith(`/${field}/code`)), page.tap(`button[formaction$="/${field}/code"]`)]);
    const sendButton = page.locator(`button[formaction$="/${field}/code"]`);
    await expect.poll(() => page.locator('.notice-info').textContent()).toContain('已发送');
    // The cooldown is shown on the button, counted down by the script or rendered by the server.
    expect(await sendButton.isDisabled()).toBe(true);
    expect(await sendButton.textContent()).toMatch(/\d+秒后重新获取/);
    if (jsOn) expect(await page.locator('#code').getAttribute('autocomplete')).toBe('one-time-code');
    await record(page, `${prefix}-${field}-code-sent`);
    await page.fill('#code', await codeSentThroughApi(server.url, value));
    await tapAndWait(page, 'button.btn-primary', field === 'phone' ? '/email' : '/password');
  }

  async function activateIn(context: BrowserContext, prefix: string, c: Candidate, phone: string, email: string, jsOn: boolean) {
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${server.url}/authserver/login`);
    await record(page, `${prefix}-01-login`);
    await tapAndWait(page, '#activationAccountId', A);

    await expect.poll(() => page.textContent('h2')).toContain('激活须知');
    await record(page, `${prefix}-02-notice`);
    await page.tap('button.btn-primary');
    await page.waitForLoadState('load');
    expect(await page.textContent('#agree-error')).toContain('请先勾选');
    await record(page, `${prefix}-03-notice-not-ticked`);
    await page.tap('#agree');
    expect(await page.isChecked('#agree')).toBe(true);
    await tapAndWait(page, 'button.btn-primary', '/identity');

    await record(page, `${prefix}-04-identity`);
    await page.fill('#candidateNo', c.candidateNo);
    await page.fill('#name', '张三');
    await page.selectOption('#idType', c.idType);
    await page.fill('#idNumber', c.idNumber);
    await solveCaptcha(page);
    await page.tap('button.btn-primary');
    await page.waitForLoadState('load');
    await expect.poll(() => page.textContent('.notice-error')).toContain('输入信息有误');
    expect(await page.inputValue('#candidateNo')).toBe(c.candidateNo);
    await record(page, `${prefix}-05-identity-mismatch`);
    await page.fill('#name', c.name);
    await solveCaptcha(page);
    await tapAndWait(page, 'button.btn-primary', '/phone');

    await record(page, `${prefix}-06-phone`);
    await bindContact(page, `${prefix}-07`, 'phone', phone, jsOn);
    await record(page, `${prefix}-08-email`);
    await bindContact(page, `${prefix}-09`, 'email', email, jsOn);

    await record(page, `${prefix}-10-password`);
    if (jsOn) {
      await page.locator('#password').pressSequentially('abc', { delay: 20 });
      await expect.poll(() => page.locator('#password-rules .rule-failed').count()).toBeGreaterThan(0);
      await record(page, `${prefix}-11-password-weak`);
      await page.fill('#password', '');
      await page.locator('#password').pressSequentially(GOOD_PASSWORD, { delay: 10 });
      await expect.poll(() => page.locator('#password-rules .rule-failed').count()).toBe(0);
      const rules = await page.locator('#password-rules li').count();
      await expect.poll(() => page.locator('#password-rules .rule-ok').count()).toBe(rules);
      expect(await page.evaluate(() => (document.getElementById('strength-meter') as HTMLMeterElement).value)).toBeGreaterThanOrEqual(3);
      expect(await page.textContent('#strength-text')).not.toBe('');
      await record(page, `${prefix}-12-password-strong`);
    } else {
      await page.fill('#password', 'abc');
      await page.fill('#confirmPassword', 'abc');
      await page.tap('button.btn-primary');
      await page.waitForLoadState('load');
      await expect.poll(() => page.locator('#password-rules .rule-failed').count()).toBeGreaterThan(0);
      await record(page, `${prefix}-11-password-weak`);
      await page.fill('#password', GOOD_PASSWORD);
    }
    await page.fill('#confirmPassword', GOOD_PASSWORD);
    await tapAndWait(page, 'button.btn-primary', '/done');
    expect(await page.textContent('.success h2')).toContain('统一身份认证账号激活完成');
    await record(page, `${prefix}-13-done`);
    await page.close();

    const row = portal.store.candidates.findByCandidateNo(c.candidateNo)!;
    expect(row).toMatchObject({ status: 'active', phone, email });
    await logInToWecom(context, prefix, c, jsOn);
  }

  /** The next thing a candidate does: the WeCom activation page sends them to the portal's login and back (the rest: wecom.test.ts). */
  async function logInToWecom(context: BrowserContext, prefix: string, c: Candidate, jsOn: boolean) {
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${server.url}/wecom/activate`);
    expect(new URL(page.url()).pathname).toBe('/authserver/login');
    expect(new URL(page.url()).searchParams.get('service')).toMatch(new RegExp(`^${server.url}/wecom/activate\\?state=\\w+$`));
    await record(page, `${prefix}-14-login-for-wecom`);
    await page.fill('#username', c.candidateNo);
    await page.fill('#password', GOOD_PASSWORD);
    await page.tap('label[for="agreeProtocol"]');
    expect(await page.isChecked('#agreeProtocol')).toBe(true);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/authserver/login');
    await Promise.all([page.waitForURL((u) => u.pathname === '/wecom/activate/verify'), page.tap('#login_submit')]);
    // With JavaScript the page encrypts the password as the real portal's encrypt.js does; without, it goes as typed.
    const sentPassword = new URLSearchParams((await posted).postData() ?? '').get('password');
    if (jsOn) expect(sentPassword).not.toBe(GOOD_PASSWORD);
    else expect(sentPassword).toBe(GOOD_PASSWORD);
    expect(await page.textContent('#uid')).toBe(c.candidateNo);
    expect(await page.textContent('#cn')).toBe(c.name);
    expect(await page.textContent('#department')).toBe(c.department);
    await record(page, `${prefix}-15-wecom-with-attributes`);
    const login = portal.db.prepare(`SELECT outcome FROM audit WHERE event = 'LOGIN' AND candidate_no = ? ORDER BY id DESC`).pluck().get(c.candidateNo);
    expect(login).toBe('ok');
    await page.close();
  }

  it('with JavaScript: notice, identity, SMS and email codes, the strength meter, done, then WeCom via the login (password encrypted)', async () => {
    const context = await browser.newContext(PHONE_CONTEXT);
    await activateIn(context, 'js', demo.zhang, '13912345678', 'zhangwei@example.com', true);
    await context.close();
  });

  it('a help-desk agent finds the candidate in the console and sees the timeline of what they saw', async () => {
    const context = await browser.newContext(DESKTOP_CONTEXT);
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    const c = demo.zhang;
    await page.goto(`${server.url}/console/login`);
    await record(page, 'js-16-console-login');
    await page.fill('#username', 'admin');
    await page.fill('#password', STAFF_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/console' || u.pathname === '/console/'), page.click('button[type="submit"]')]);
    await record(page, 'js-17-console-dashboard');

    await page.goto(`${server.url}/console/candidates`);
    await page.fill('#q', c.name);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === c.name), page.click('.c-search button[type="submit"]')]);
    await record(page, 'js-18-console-search');
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith(`/candidates/${c.candidateNo}`)), page.click(`a[href="/console/candidates/${c.candidateNo}"]`)]);
    await record(page, 'js-19-console-candidate');

    const timeline = await page.locator('.c-timeline').innerText();
    // What the candidate did and saw, newest first: the login, the activation, the codes, the exact mismatch message.
    const order = ['服务票据校验', '登录', '激活完成', '绑定邮箱', '获取邮箱验证码', '绑定手机', '获取短信验证码', '考生看到：输入信息有误，请核对后重新输入'];
    const positions = order.map((text) => timeline.indexOf(text));
    for (const [i, text] of order.entries()) expect(positions[i], `${text} in the timeline`).toBeGreaterThanOrEqual(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // And the messages as they were sent; the code itself shows after 显示, which is recorded.
    expect(timeline).toMatch(/发送短信至 139\*\*\*\*5678\s+【电子科技大学】您的验证码为\*{6}/);
    await Promise.all([page.waitForLoadState('load'), page.click('#account button[type="submit"]')]);
    expect(await page.locator('.c-timeline').innerText()).toMatch(/发送短信至 13912345678\s+【电子科技大学】您的验证码为\d{6}/);
    await record(page, 'js-20-console-candidate-shown');
    await context.close();
  });

  it('without JavaScript: the same flow with plain form posts, and the login with the plain password', async () => {
    const context = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled: false });
    await activateIn(context, 'nojs', demo.li, '13912345679', 'lina@example.com', false);
    await context.close();
  });
});
