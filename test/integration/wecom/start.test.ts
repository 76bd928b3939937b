import { describe, expect, it } from 'vitest';
import { decodeQrSvg } from '../../support/qr.ts';
import { activateAndFollow, PHONE_UA, signIn, textOfPage, wecomServerForFile } from '../../support/wecom.ts';

/** Latin letters in what a candidate reads (URLs and markup aside) would be English on a Chinese page. */
const ENGLISH = /[A-Za-z]{2,}/;

describe('第一步 识别二维码: GET /wecom/', () => {
  const s = wecomServerForFile();

  it('on a desktop shows a real QR code of this host’s activation URL, and the link, in the WeChat frame', async () => {
    const page = await s.browser().get('/wecom/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="wx-bar-title">激活“电子科技大学”企业号</h1>');
    expect(page.text).toContain('第一步：请使用微信扫描下方二维码');
    expect(page.text).toContain(`href="${s.url}/wecom/activate"`);
    expect(textOfPage(page.text)).not.toMatch(ENGLISH);
    const image = await fetch(`${s.url}/wecom/qr/activate.svg`);
    expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(decodeQrSvg(await image.text())).toBe(`${s.url}/wecom/activate`);
  });

  it('on a phone shows a start button instead of a code to scan', async () => {
    const page = await s.browser().get('/wecom/').set('User-Agent', PHONE_UA);
    expect(page.text).not.toContain('activate-qr');
    expect(page.text).toMatch(/<a class="wx-btn" id="start" href="\/wecom\/activate">开始激活<\/a>/);
  });

  it('tells a member already activated so and sends them straight to 第四步', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal);
    const page = await browser.get('/wecom/');
    expect(page.text).toContain('您已激活“电子科技大学”企业号，可直接进入第四步：关注企业号。');
    expect(page.text).toContain('href="/wecom/activate/follow"');
    // The same member in a new browser (another WeChat) is recognised after 身份验证 and also lands on 第四步.
    const other = await signIn(s.browser());
    expect(other.headers.location).toBe('/wecom/activate/follow');
  });

  it('answers a host name too long for any QR code with a clear refusal, not 系统繁忙', async () => {
    const res = await s.browser().get('/wecom/qr/activate.svg').set('Host', `${'a'.repeat(3000)}.example`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('请求无效，请刷新页面后重试');
    expect(res.text).not.toContain('系统繁忙');
  });

  it('is Chinese only and has no 500 for unknown paths under /wecom', async () => {
    const missing = await s.browser().get('/wecom/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('您访问的页面不存在');
    expect(missing.text).toContain('wx-bar');
  });
});
