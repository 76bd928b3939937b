import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { A, demo, postForm, walkTo } from '../support/activation.ts';
import { listen } from '../support/listen.ts';
import { makePortal, type TestPortal } from '../support/portal.ts';
import { activateAndFollow, ZHAO } from '../support/wecom.ts';
import { switchFaultOn } from '../../src/roster/trainingFaults.ts';
import { chromiumMissing, launchChromium, PHONE_CONTEXT, screenshot, seriousViolations } from './browser.ts';

const ADMIN_PASSWORD = 'Helpdesk#Console2026';
const DESKTOP_CONTEXT = { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' } as const;
const MIN_TAP = 44;

/** Horizontal overflow of the page, and every visible control or link shorter than a tap target. */
async function layoutProblems(page: Page): Promise<{ overflow: number; small: string[] }> {
  return page.evaluate((minTap) => {
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.closest('.c-visually-hidden')) continue;
      if (box.height < minTap) small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 20)}" ${Math.round(box.height)}px`);
    }
    return { overflow, small };
  }, MIN_TAP);
}

describe.skipIf(chromiumMissing)('the console in a real browser: fits a phone, 44-px tap targets, axe clean', () => {
  const dir = mkdtempSync(join(tmpdir(), 'idas-e2e-console-'));
  let portal: TestPortal;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let emailId: number;

  beforeAll(async () => {
    portal = makePortal({ CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD, IDENTITY_MAX_FAILURES: '2', CAPTCHA_ENABLED: 'false' }, { dbPath: join(dir, 'portal.sqlite') });
    await portal.firstAdmin.ready;
    server = await listen(portal);
    // 赵磊 through WeCom up to 关注 (the app validates tickets over HTTP, so against the listening server).
    await activateAndFollow(request.agent(server.url), portal, '13900000009');
    // Something to diagnose: an activation, a candidate locked after mismatches, an SMS that failed, a fault on.
    await walkTo(portal, 'done', { candidate: demo.zhang, phone: '13800138001', email: 'zhangwei@example.com' });
    const li = await walkTo(portal, 'identity', { candidate: demo.li });
    for (let i = 0; i < 2; i++) await postForm(li, `${A}/identity`, { candidateNo: demo.li.candidateNo, name: '李四', idType: demo.li.idType, idNumber: demo.li.idNumber });
    switchFaultOn(portal.store, { kind: 'sms_fail' }, 'admin', portal.clock.now(), '10614');
    const zhou = await walkTo(portal, 'phone', { candidate: demo.zhou });
    portal.clock.advance(60_000);
    await postForm(zhou, `${A}/phone/code`, { phone: '13800138011' }, `${A}/phone`);
    emailId = portal.store.outbox.listTo('zhangwei@example.com', 1)[0]!.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    portal?.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(context: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const page = await (await browser.newContext(context)).newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${server.url}/console/login`);
    await page.fill('#username', 'admin');
    await page.fill('#password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/console' || u.pathname === '/console/'), page.click('.c-login button[type="submit"]')]);
    return page;
  }

  /** Checks the page as it stands on the phone and keeps a screenshot. */
  async function checkPhone(page: Page, name: string) {
    const { overflow, small } = await layoutProblems(page);
    expect(overflow, `${name}: wider than the phone by`).toBeLessThanOrEqual(0);
    expect(small, `${name}: tap targets under ${MIN_TAP}px`).toEqual([]);
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
    await screenshot(page, `console-phone-${name}`);
  }

  it('every console page fits a 390-px phone with 44-px tap targets and no serious axe violation', async () => {
    const page = await (await browser.newContext(PHONE_CONTEXT)).newPage();
    await page.goto(`${server.url}/console/login`);
    await checkPhone(page, '01-login');
    await page.close();

    const admin = await signedIn(PHONE_CONTEXT);
    const pages: [string, string][] = [
      ['02-dashboard', '/console'],
      ['03-dashboard-department', `/console?department=${encodeURIComponent(demo.li.department!)}`],
      ['04-candidates', '/console/candidates'],
      ['05-candidate-locked', `/console/candidates/${demo.li.candidateNo}`],
      ['06-candidate-active', `/console/candidates/${demo.zhang.candidateNo}`],
      ['07-candidate-sms-failed', `/console/candidates/${demo.zhou.candidateNo}`],
      ['08-outbox', '/console/outbox'],
      ['09-message', `/console/outbox/${emailId}`],
      ['10-scripts', '/console/scripts'],
      ['11-import', '/console/import'],
      ['12-faults', '/console/faults'],
      ['13-staff', '/console/staff'],
      ['14-staff-log', '/console/audit'],
      ['16-candidate-wecom', `/console/candidates/${ZHAO.uid}`],
      ['17-wecom-groups', '/console/wecom'],
    ];
    for (const [name, path] of pages) {
      await admin.goto(`${server.url}${path}`);
      await checkPhone(admin, name);
    }

    // 重置激活 asks first, on a page of its own, with the one reason box's text kept.
    await admin.goto(`${server.url}/console/candidates/${demo.zhang.candidateNo}`);
    await admin.fill('#reason', '考生要求重新激活');
    await Promise.all([admin.waitForLoadState('load'), admin.click('button[formaction$="/actions/reset-activation"]')]);
    expect(await admin.textContent('h1')).toContain('确认重置激活');
    await checkPhone(admin, '15-confirm-reset');
  });

  it('the outbox keeps 查询 on the filter\'s line on a phone', async () => {
    const page = await signedIn(PHONE_CONTEXT);
    await page.goto(`${server.url}/console/outbox`);
    const input = await page.locator('#to').boundingBox();
    const button = await page.locator('.c-search-line button').boundingBox();
    expect(Math.abs(input!.y - button!.y)).toBeLessThan(4);
    expect(button!.x).toBeGreaterThan(input!.x + input!.width - 1);
  });

  it('desktop screenshots of the diagnosing pages', async () => {
    const page = await signedIn(DESKTOP_CONTEXT);
    for (const [name, path] of [
      ['dashboard', `/console?department=${encodeURIComponent(demo.li.department!)}`],
      ['candidate-locked', `/console/candidates/${demo.li.candidateNo}`],
      ['candidate-sms-failed', `/console/candidates/${demo.zhou.candidateNo}`],
      ['faults', '/console/faults'],
      ['staff-log', '/console/audit'],
      ['candidate-wecom', `/console/candidates/${ZHAO.uid}`],
      ['wecom-groups', '/console/wecom'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      expect((await layoutProblems(page)).overflow, name).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
      await screenshot(page, `console-desktop-${name}`);
    }
  });
});
