import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoActivated } from '../../src/data/demoRoster.ts';
import { A, demo, GOOD_PASSWORD } from '../support/activation.ts';
import { listen } from '../support/listen.ts';
import { codeSentThroughApi, makePortal, TEST_API_TOKEN, type TestPortal } from '../support/portal.ts';
import { chromiumMissing, launchChromium, PHONE_CONTEXT, screenshot, seriousViolations } from './browser.ts';
import { horizontalOverflow, innerScrollers, smallTapTargets } from './layout.ts';

const R = '/retrieve-password/passwordRetrieve';
const NEW_PASSWORD = 'Qingshui#River2027';

describe.skipIf(chromiumMissing)('every page fits a 390×844 phone: no sideways scrolling, 44-px tap targets, axe clean', () => {
  let portal: TestPortal;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    portal = makePortal();
    server = await listen(portal);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    portal?.db.close();
  });

  async function newPage(): Promise<Page> {
    context ??= await browser.newContext(PHONE_CONTEXT);
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    return page;
  }

  /** The layout rules of issue 12 and axe, on the page as it stands; a screenshot for the record. */
  async function checkPage(page: Page, name: string): Promise<void> {
    await screenshot(page, `phone-${name}`);
    expect(await horizontalOverflow(page), `${name}: wider than the screen`).toBe(0);
    expect(await smallTapTargets(page), `${name}: tap targets under 44 px`).toEqual([]);
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  }

  async function tapAndWait(page: Page, selector: string, path: string | RegExp): Promise<void> {
    const matches = (u: URL) => (typeof path === 'string' ? u.pathname === path : path.test(u.pathname + u.search));
    await Promise.all([page.waitForURL(matches), page.tap(selector)]);
  }

  /** What the image for the captcha id on the page shows, as a trainer's tool reads it (once the page has drawn it). */
  async function captchaAnswer(page: Page, idSelector: string): Promise<string> {
    const id = await page.inputValue(idSelector);
    await expect.poll(() => portal.store.captchas.peek(id)).toBeTruthy();
    return portal.store.captchas.peek(id)!;
  }

  /** Drags the slider's handle onto the hole of the puzzle drawn for the captcha id in idSelector. */
  async function dragSliderHome(page: Page, idSelector: string): Promise<void> {
    await expect.poll(() => page.isVisible('#sliderCaptchaDiv')).toBe(true);
    await expect.poll(() => page.evaluate(() => (document.getElementById('sliderBig') as HTMLImageElement).naturalWidth)).toBe(280);
    const hole = Number(/^slider:(\d+)$/.exec(portal.store.captchas.peek(await page.inputValue(idSelector)) ?? '')?.[1]);
    const scale = await page.evaluate(() => document.getElementById('sliderPicture')!.clientWidth / 280);
    const handle = (await page.locator('#sliderHandle').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + hole * scale, handle.y + handle.height / 2, { steps: 12 });
  }

  it('activation: 激活须知 shown whole, the current-student answer, the phone step, the password page\'s live verdict, done', async () => {
    const page = await newPage();
    await page.goto(`${server.url}${A}`);
    // Items 6 and 7 were hidden inside a scrolling box: the box must not scroll, every item lies inside it.
    expect(await innerScrollers(page, '.notice-box')).toEqual([]);
    const box = (await page.locator('.notice-box').boundingBox())!;
    const last = (await page.locator('.notice-list li').last().boundingBox())!;
    expect(await page.locator('.notice-list li').count()).toBe(7);
    expect(last.y + last.height).toBeLessThanOrEqual(box.y + box.height);
    await checkPage(page, '01-notice');
    await page.tap('label:has(#agree)');
    await tapAndWait(page, 'button.btn-primary', `${A}/identity`);

    const liu = demo.liu;
    await page.fill('#candidateNo', liu.candidateNo);
    await page.fill('#name', liu.name);
    await page.selectOption('#idType', liu.idType);
    await page.fill('#idNumber', liu.idNumber);
    await page.fill('#captcha', await captchaAnswer(page, 'input[name="captchaId"]'));
    await Promise.all([page.waitForEvent('framenavigated'), page.tap('button.btn-primary')]);
    await expect.poll(() => page.locator('#not-candidate-cases li').count()).toBe(2);
    expect(await page.textContent('#not-candidate-cases')).toContain('可直接下载企业微信 APP 使用');
    await checkPage(page, '02-identity-current-student');

    const c = demo.zhou;
    await page.fill('#candidateNo', c.candidateNo);
    await page.fill('#name', c.name);
    await page.selectOption('#idType', c.idType);
    await page.fill('#idNumber', c.idNumber);
    await page.fill('#captcha', await captchaAnswer(page, 'input[name="captchaId"]'));
    await tapAndWait(page, 'button.btn-primary', `${A}/phone`);
    await page.fill('#phone', '13912340011');
    await page.fill('#captcha', await captchaAnswer(page, 'input[name="captchaId"]'));
    await tapAndWait(page, 'button[formaction$="/phone/code"]', `${A}/phone/code`);
    expect(await page.textContent('.notice-info')).toContain('验证码已发送至139****0011');
    await checkPage(page, '03-phone-code-sent');
    await page.fill('#code', await codeSentThroughApi(server.url, '13912340011'));
    await tapAndWait(page, 'button.btn-primary', `${A}/email`);
    await page.fill('#email', 'zhoujie@example.com');
    await page.fill('#captcha', await captchaAnswer(page, 'input[name="captchaId"]'));
    await tapAndWait(page, 'button[formaction$="/email/code"]', `${A}/email/code`);
    await page.fill('#code', await codeSentThroughApi(server.url, 'zhoujie@example.com'));
    await tapAndWait(page, 'button.btn-primary', `${A}/password`);

    // A refused submit shows the red verdict; typing a password that meets every rule replaces it.
    await page.fill('#password', 'abc12345');
    await page.fill('#confirmPassword', 'abc12345');
    await Promise.all([page.waitForEvent('framenavigated'), page.tap('button.btn-primary')]);
    await page.waitForLoadState('load');
    expect(await page.isVisible('#password-failed-rules')).toBe(true);
    expect(await page.isVisible('#password-error')).toBe(true);
    await checkPage(page, '04-password-refused');
    await page.fill('#password', '');
    await page.locator('#password').pressSequentially(GOOD_PASSWORD, { delay: 10 });
    await expect.poll(() => page.locator('#password-rules .rule-ok').count()).toBe(await page.locator('#password-rules li').count());
    await expect.poll(() => page.isVisible('#password-failed-rules')).toBe(false);
    expect(await page.isVisible('#password-error')).toBe(false);
    expect(await page.getAttribute('#password', 'aria-invalid')).toBeNull();
    await checkPage(page, '05-password-rules-met');
    await page.fill('#confirmPassword', GOOD_PASSWORD);
    await tapAndWait(page, 'button.btn-primary', `${A}/done`);
    expect(await page.textContent('#done-wait-group')).toContain('无需绑定企业微信邮箱');
    await checkPage(page, '06-done');
    await page.close();
  });

  it('login: the tabs, the 《隐私协议》 tick, 短信登录 with a code to the bound phone, logged in, logged out', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/authserver/login`);
    await checkPage(page, '10-login');
    const activate = (await page.locator('#activationAccountId').boundingBox())!;
    expect(activate.height).toBeGreaterThanOrEqual(44);

    await page.fill('#username', demoActivated.candidateNo);
    await page.fill('#password', demoActivated.password);
    await page.tap('#login_submit');
    await expect.poll(() => page.textContent('#showErrorTip')).toBe('请先确认《隐私协议》内容。');
    expect(new URL(page.url()).pathname).toBe('/authserver/login');
    await checkPage(page, '11-login-privacy-not-ticked');

    // The tab switches in place: the 短信登录 form shows, the address says so, nothing is loaded.
    await page.tap('#mobileTab');
    expect(await page.isVisible('#phoneFromId')).toBe(true);
    expect(await page.isVisible('#pwdFromId')).toBe(false);
    expect(new URL(page.url()).searchParams.get('type')).toBe('dynamicLogin');
    await page.fill('#mobile', demoActivated.phone);
    // With JavaScript each code is asked for after UESTC's slider, as on the real page; the image is for no-JS pages.
    expect(await page.isVisible('#telCaptcha')).toBe(false);
    await page.tap('#getTelCode');
    await dragSliderHome(page, '#telCaptchaId');
    await checkPage(page, '12-login-sms-slider');
    await page.mouse.up();
    await expect.poll(() => page.textContent('#loginNotice')).toBe('验证码已发送至138****8009，5分钟内有效');
    await expect.poll(() => page.textContent('#getTelCode')).toMatch(/秒后重新获取/);
    expect(await page.isDisabled('#getTelCode')).toBe(true);
    await checkPage(page, '13-login-sms-code-sent');
    await page.fill('#dynamicCode', await codeSentThroughApi(server.url, demoActivated.phone));
    await page.tap('label[for="telAgreeProtocol"]');
    await tapAndWait(page, '#phone_login_submit', '/authserver/login');
    await expect.poll(() => page.textContent('.notice-info')).toContain('您已登录：赵磊');
    await checkPage(page, '14-logged-in');

    await tapAndWait(page, '#logout', '/authserver/logout');
    await checkPage(page, '15-logged-out');
    await page.close();
  });

  it('忘记密码: the radio group of 安全验证 drawn as a radio group, then a new password', async () => {
    await fetch(`${server.url}/api/v1/candidates/${demoActivated.candidateNo}/actions/force-password-reset`, {
      method: 'POST', headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'e2e' }),
    });
    const page = await newPage();
    await page.goto(`${server.url}/authserver/login`);
    await page.fill('#username', demoActivated.candidateNo);
    await page.fill('#password', demoActivated.password);
    await page.tap('label[for="agreeProtocol"]');
    await Promise.all([page.waitForEvent('framenavigated'), page.tap('#login_submit')]);
    await expect.poll(() => page.textContent('.notice-error')).toContain('须设置新密码后才能登录');
    await checkPage(page, '20-must-reset');
    await tapAndWait(page, '#goRecovery', R);

    await page.fill('#username', demoActivated.candidateNo);
    await page.fill('#captcha', await captchaAnswer(page, 'input[name="captchaId"]'));
    await tapAndWait(page, 'button.btn-primary', `${R}/verify`);
    await checkPage(page, '21-recovery-verify');
    const geometry = await page.evaluate(() => {
      const fieldset = document.querySelector('fieldset')!;
      const style = getComputedStyle(fieldset);
      return {
        border: style.borderTopWidth,
        radios: Array.from(document.querySelectorAll('input[type="radio"]')).map((radio) => {
          const r = radio.getBoundingClientRect();
          const label = radio.closest('label')!.getBoundingClientRect();
          const text = document.createRange();
          text.selectNodeContents(radio.closest('label')!);
          const textBox = Array.from(text.getClientRects()).filter((b) => b.left >= r.right - 1).sort((a, b) => a.left - b.left)[0]!;
          return { width: r.width, height: r.height, gap: textBox.left - r.right, sameLine: Math.abs((textBox.top + textBox.bottom) / 2 - (r.top + r.bottom) / 2) < 6, labelHeight: label.height };
        }),
      };
    });
    expect(geometry.border).toBe('0px');
    expect(geometry.radios).toHaveLength(2);
    for (const radio of geometry.radios) {
      expect(radio.width).toBeGreaterThanOrEqual(16);
      expect(radio.width).toBeLessThanOrEqual(24);
      expect(radio.height).toBeLessThanOrEqual(24);
      // The label starts right beside its radio, on the same line, and the whole label is a 44-px target.
      expect(radio.gap).toBeGreaterThanOrEqual(0);
      expect(radio.gap).toBeLessThanOrEqual(16);
      expect(radio.sameLine).toBe(true);
      expect(radio.labelHeight).toBeGreaterThanOrEqual(44);
    }

    await page.fill('#contact', demoActivated.phone);
    await page.fill('#captcha', await captchaAnswer(page, 'input[name="captchaId"]'));
    await tapAndWait(page, 'button[formaction$="/verify/code"]', `${R}/verify/code`);
    await page.fill('#code', await codeSentThroughApi(server.url, demoActivated.phone));
    await tapAndWait(page, 'button.btn-primary', `${R}/password`);
    await page.locator('#password').pressSequentially(NEW_PASSWORD, { delay: 10 });
    await page.fill('#confirmPassword', NEW_PASSWORD);
    await checkPage(page, '22-recovery-password');
    await tapAndWait(page, 'button.btn-primary', `${R}/done`);
    await checkPage(page, '23-recovery-done');
    await page.close();
  });

  it('login: after three wrong passwords UESTC\'s slider is asked for; dragged onto its hole, the login goes through', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/authserver/login`);
    await page.tap('label[for="agreeProtocol"]');
    for (let i = 0; i < 3; i++) {
      await page.fill('#username', demo.zhou.candidateNo);
      await page.fill('#password', `Wrong#${i}Pass`);
      await Promise.all([page.waitForEvent('framenavigated'), page.tap('#login_submit')]);
      await expect.poll(() => page.textContent('#showErrorTip')).toBe('您提供的用户名或者密码有误');
    }
    // The server's page asks for the captcha; with JavaScript it is the slider, not the image.
    expect(await page.isVisible('#captchaDiv')).toBe(false);
    await page.fill('#password', GOOD_PASSWORD);
    await page.tap('#login_submit');
    await dragSliderHome(page, '#pwdFromId input[name="captchaId"]');
    await checkPage(page, '16-login-slider');
    await Promise.all([page.waitForURL((u) => u.pathname === '/authserver/login' && !u.search), page.mouse.up()]);
    await expect.poll(() => page.textContent('.notice-info')).toContain(`您已登录：${demo.zhou.name}`);
    await page.close();
  });

  it('短信登录 without JavaScript: the tab is a link, 获取验证码 posts the form, the image captcha stands in for the slider', async () => {
    portal.clock.advance(3 * 60_000);
    const noScript = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled: false });
    const page = await noScript.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${server.url}/authserver/login?service=${encodeURIComponent(`${server.url}/wecom/`)}`);
    await tapAndWait(page, '#mobileTab', /type=dynamicLogin/);
    await page.fill('#mobile', demoActivated.phone);
    await page.fill('#telCaptcha', await captchaAnswer(page, '#telCaptchaId'));
    await tapAndWait(page, '#getTelCode', '/authserver/dynamicCode/getDynamicCode.htl');
    expect(await page.textContent('#loginNotice')).toBe('验证码已发送至138****8009，5分钟内有效');
    expect(await page.textContent('#getTelCode')).toMatch(/^\d+秒后重新获取$/);
    await screenshot(page, 'phone-40-nojs-sms-code-sent');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTapTargets(page)).toEqual([]);
    await page.fill('#dynamicCode', await codeSentThroughApi(server.url, demoActivated.phone));
    await page.tap('label[for="telAgreeProtocol"]');
    await tapAndWait(page, '#phone_login_submit', /^\/wecom\//);
    const login = portal.db.prepare("SELECT outcome, params FROM audit WHERE event = 'LOGIN' ORDER BY id DESC LIMIT 1").get() as { outcome: string; params: string };
    expect(login.outcome).toBe('ok');
    expect(JSON.parse(login.params)).toMatchObject({ cllt: 'dynamicLogin' });
    await noScript.close();
  });

  it('the pages a link leads to: the privacy agreement, the WeCom guide, an error page', async () => {
    const page = await newPage();
    for (const [path, name] of [['/authserver/privacyProtocol', '30-privacy'], ['/guide/wecom', '31-wecom-guide'], ['/no/such/page', '32-not-found']] as const) {
      await page.goto(`${server.url}${path}`);
      await checkPage(page, name);
    }
    await page.close();
  });
});
