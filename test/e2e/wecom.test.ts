import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { A, demo, GOOD_PASSWORD } from '../support/activation.ts';
import { listen } from '../support/listen.ts';
import { codeSentThroughApi, makePortal, type TestPortal } from '../support/portal.ts';
import { chromiumMissing, launchChromium, PHONE_CONTEXT, screenshot, seriousViolations } from './browser.ts';
import { horizontalOverflow } from './layout.ts';

type Candidate = (typeof demo)[keyof typeof demo];

/** WeChat's in-app browser on an Android phone: the start page shows a button, not a code to scan. */
const WECHAT_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.50';
const DESKTOP_CONTEXT = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' } as const;

describe.skipIf(chromiumMissing)('a candidate goes from activation to 消息中心 on a 390×844 phone in a real browser', () => {
  let portal: TestPortal;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let checker: Page | undefined;

  beforeAll(async () => {
    portal = makePortal({ CAPTCHA_ENABLED: 'false' });
    server = await listen(portal);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    portal?.db.close();
  });

  /** Screenshot, axe (on the markup in a scripted page when JavaScript is off), nothing wider than the phone, no English. */
  async function record(page: Page, name: string, jsOn: boolean): Promise<void> {
    await screenshot(page, `wecom-${name}`);
    checker ??= await (await browser.newContext(PHONE_CONTEXT)).newPage();
    expect(await seriousViolations(page, jsOn ? undefined : checker), `axe on ${name}`).toEqual([]);
    if (page.viewportSize()!.width <= 390) expect(await horizontalOverflow(page), `overflow on ${name}`).toBe(0);
    expect(await page.evaluate(() => document.body.innerText), `English on ${name}`).not.toMatch(/[A-Za-z]{2,}/);
  }

  async function tapTo(page: Page, selector: string, path: string | RegExp): Promise<void> {
    const arrived = (u: URL) => (typeof path === 'string' ? u.pathname === path : path.test(u.pathname));
    await Promise.all([page.waitForURL(arrived), page.tap(selector)]);
  }

  async function activateAccount(page: Page, c: Candidate, phone: string, email: string) {
    await page.goto(`${server.url}${A}`);
    await page.tap('#agree');
    await tapTo(page, 'button.btn-primary', `${A}/identity`);
    await page.fill('#candidateNo', c.candidateNo);
    await page.fill('#name', c.name);
    await page.selectOption('#idType', c.idType);
    await page.fill('#idNumber', c.idNumber);
    await tapTo(page, 'button.btn-primary', `${A}/phone`);
    for (const [field, value, next] of [['phone', phone, 'email'], ['email', email, 'password']] as const) {
      await page.fill(`#${field}`, value);
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith(`/${field}/code`)), page.tap(`button[formaction$="/${field}/code"]`)]);
      await page.fill('#code', await codeSentThroughApi(server.url, value));
      await tapTo(page, 'button.btn-primary', `${A}/${next}`);
    }
    await page.fill('#password', GOOD_PASSWORD);
    await page.fill('#confirmPassword', GOOD_PASSWORD);
    await tapTo(page, 'button.btn-primary', `${A}/done`);
  }

  async function logIn(page: Page, c: Candidate, back: string | RegExp) {
    expect(new URL(page.url()).pathname).toBe('/authserver/login');
    await page.fill('#username', c.candidateNo);
    await page.fill('#password', GOOD_PASSWORD);
    await page.tap('label[for="agreeProtocol"]');
    await tapTo(page, '#login_submit', back);
  }

  async function journey(context: BrowserContext, prefix: string, c: Candidate, phone: string, jsOn: boolean) {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await activateAccount(page, c, phone, `${c.candidateNo}@example.com`);

    // 第一步: the activation page as WeChat opens it from the QR code, with its start button.
    await page.goto(`${server.url}/wecom/`);
    expect(await page.textContent('.wx-bar-title')).toBe('激活“电子科技大学”企业号');
    await record(page, `${prefix}-01-start`, jsOn);
    // 第二步: 统一身份认证.
    await Promise.all([page.waitForURL((u) => u.pathname === '/authserver/login'), page.tap('#start')]);
    await logIn(page, c, '/wecom/activate/verify');
    // 第三步: 校验您的个人信息, the number of this WeChat, its SMS code.
    expect(await page.textContent('#uid')).toBe(c.candidateNo);
    expect(await page.textContent('#cn')).toBe(c.name);
    expect(await page.textContent('#department')).toBe(c.department);
    await record(page, `${prefix}-02-verify`, jsOn);
    await page.fill('#phone', phone);
    await Promise.all([page.waitForURL((u) => u.pathname === '/wecom/activate/verify/code'), page.tap('.wx-code-btn')]);
    expect(await page.locator('.wx-code-btn').isDisabled()).toBe(true);
    expect(await page.textContent('.wx-code-btn')).toMatch(/\d+秒后重新获取/);
    await record(page, `${prefix}-03-code-sent`, jsOn);
    await page.fill('#code', await codeSentThroughApi(server.url, phone));
    await tapTo(page, '#activate', '/wecom/activate/follow');
    // 第四步: the follow QR code and 我已关注.
    expect(await page.isVisible('#follow-qr')).toBe(true);
    await record(page, `${prefix}-04-follow`, jsOn);
    // The answer comes back to the same address: wait for the page that says so, not for the URL.
    await page.tap('#followed-button');
    await page.waitForSelector('#followed');
    await page.waitForLoadState('load');
    await record(page, `${prefix}-05-followed`, jsOn);
    // 第五步: in WeChat, the 企业号's 身份验证 notice, 统一身份认证 again, then 消息中心.
    await tapTo(page, '#open-wechat', '/wecom/inbox');
    await record(page, `${prefix}-06-chat-list`, jsOn);
    await tapTo(page, '#corp-chat', '/wecom/inbox/corp');
    expect(await page.isVisible('#auth-notice')).toBe(true);
    await record(page, `${prefix}-07-auth-notice`, jsOn);
    await Promise.all([page.waitForURL((u) => u.pathname === '/authserver/login'), page.tap('#auth-notice')]);
    await logIn(page, c, '/wecom/inbox/corp');
    expect(await page.isVisible('#message-center')).toBe(true);
    await record(page, `${prefix}-08-verified`, jsOn);
    await tapTo(page, '#message-center', '/wecom/workbench/messages');
    expect(await page.textContent('#message-list')).toContain('身份验证成功');
    await record(page, `${prefix}-09-message-center`, jsOn);
    // 结语 and 步骤三: 通讯录 → 我的企业 → 电子科技大学.
    await page.goto(`${server.url}/wecom/contacts`);
    await tapTo(page, '#corp-entry', '/wecom/workbench');
    expect(await page.textContent('#group-status')).toContain('等待学院老师建群');
    // The 步骤三 card stands apart from the app grid above it, as every card does.
    const apps = (await page.locator('#apps').boundingBox())!;
    const card = (await page.locator('#group-status').boundingBox())!;
    expect(card.y - (apps.y + apps.height)).toBeGreaterThanOrEqual(8);
    await record(page, `${prefix}-10-workbench`, jsOn);
    expect(portal.wecom.helpdesk.statusOf(c.candidateNo).status).toBe('verified');
    await page.close();
  }

  it('with JavaScript', async () => {
    const context = await browser.newContext({ ...PHONE_CONTEXT, userAgent: WECHAT_UA });
    await journey(context, 'js', demo.li, '13912340001', true);
    await context.close();
  });

  it('without JavaScript', async () => {
    const context = await browser.newContext({ ...PHONE_CONTEXT, userAgent: WECHAT_UA, javaScriptEnabled: false });
    await journey(context, 'nojs', demo.zhou, '13912340002', false);
    await context.close();
  });

  it('on a desktop, the start page shows a scannable QR code', async () => {
    const context = await browser.newContext(DESKTOP_CONTEXT);
    const page = await context.newPage();
    await page.goto(`${server.url}/wecom/`);
    expect(await page.locator('#activate-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await record(page, 'desktop-start', true);
    await context.close();
  });
});
