import { describe, expect, it } from 'vitest';
import { decodeQrSvg } from '../../support/qr.ts';
import { FOLLOW, HARMONY_UA, post, signIn, VERIFY, verifyPhone, wecomServerForFile, ZHAO } from '../../support/wecom.ts';

describe('第四步 关注企业号: /wecom/activate/follow', () => {
  const s = wecomServerForFile({ wipe: ['wecom_members'] });

  async function activated(phone = '13900002001') {
    const browser = s.browser();
    await signIn(browser);
    await verifyPhone(browser, s.portal, phone);
    return browser;
  }
  const member = () => s.portal.db.prepare('SELECT * FROM wecom_members WHERE uid = ?').get(ZHAO.uid) as { followed_at: number | null; auth_notice_at: number | null };

  it('shows 激活成功 with a real follow QR code and 我已关注', async () => {
    const browser = await activated();
    const page = await browser.get(FOLLOW);
    expect(page.text).toContain('激活成功');
    expect(page.text).toContain('第四步：请使用微信扫描下方二维码，关注“电子科技大学”企业号。');
    expect(page.text).toContain('使用微信扫码关注');
    expect(page.text).toContain('我已关注');
    expect(page.text).not.toContain('鸿蒙');
    expect(decodeQrSvg(await (await fetch(`${s.url}/wecom/qr/follow.svg`)).text())).toBe(`${s.url}/wecom/follow`);
  });

  it('follows on 我已关注: the member follows, the 身份验证 notice reaches a candidate, the page says to go back to WeChat', async () => {
    const browser = await activated();
    const res = await post(browser, FOLLOW, {}, FOLLOW);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(FOLLOW);
    expect(member().followed_at).not.toBeNull();
    expect(member().auth_notice_at).not.toBeNull();
    const page = await browser.get(FOLLOW);
    expect(page.text).toContain('已关注“电子科技大学”企业号');
    expect(page.text).toContain('href="/wecom/inbox"');
  });

  it('tells a HarmonyOS phone that its WeChat does not support 企业号 yet', async () => {
    const browser = await activated();
    const page = await browser.get(FOLLOW).set('User-Agent', HARMONY_UA);
    expect(page.text).toContain('注意：鸿蒙 Next 系统的微信还不支持企业号，建议下载企业微信 APP 使用。');
  });

  it('cannot be reached before the phone is verified', async () => {
    const browser = s.browser();
    await signIn(browser);
    const early = await browser.get(FOLLOW);
    expect(early.status).toBe(303);
    expect(early.headers.location).toMatch(new RegExp(`^${VERIFY}`));
    const crafted = await post(browser, FOLLOW, {}, VERIFY);
    expect(crafted.status).toBe(303);
    expect(member()?.followed_at ?? null).toBeNull();
  });

  it('情况一: a member who never signed in to the 企业微信 APP may verify another number', async () => {
    const browser = await activated('13900002002');
    const back = await post(browser, `${FOLLOW}/verify-again`, {}, FOLLOW);
    expect(back.headers.location).toBe(VERIFY);
    s.portal.clock.advance(121_000);
    const again = await verifyPhone(browser, s.portal, '13900002003');
    expect(again.headers.location).toBe(FOLLOW);
    expect(s.portal.db.prepare('SELECT phone FROM wecom_members WHERE uid = ?').pluck().get(ZHAO.uid)).toBe('13900002003');
  });

  it('情况二: once signed in to the APP, the number is changed there, not by activating again', async () => {
    const browser = await activated('13900002004');
    s.portal.db.prepare('UPDATE wecom_members SET app_login_at = 1 WHERE uid = ?').run(ZHAO.uid);
    const page = await browser.get(FOLLOW);
    expect(page.text).not.toContain('verify-again');
    const crafted = await post(browser, `${FOLLOW}/verify-again`, {}, FOLLOW);
    expect(crafted.status).toBe(409);
    expect(crafted.text).toContain('您的企业微信账号已登录过，请在企业微信APP中更换手机号');
  });
});
