import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { TEST_API_TOKEN } from '../../support/portal.ts';
import { demo, GOOD_PASSWORD } from '../../support/activation.ts';
import { activateAndFollow, casLogin, pathOf, wecomServerForFile, ZHAO } from '../../support/wecom.ts';

describe('第五步 二次认证: the 身份验证 notice in the simulated WeChat', () => {
  const s = wecomServerForFile({ wipe: ['wecom_members'] });
  const api = () => request(s.portal.app);

  it('brings a candidate the 身份验证 notice in the 企业号 conversation, and no 消息中心 yet', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal);
    const inbox = await browser.get('/wecom/inbox');
    expect(inbox.text).toMatch(/id="corp-chat"[\s\S]*电子科技大学[\s\S]*企业号[\s\S]*身份验证/);
    const chat = await browser.get('/wecom/inbox/corp');
    expect(chat.text).toContain('欢迎关注“电子科技大学”企业号');
    expect(chat.text).toMatch(/<a class="wx-bubble wx-notice-card" id="auth-notice" href="\/wecom\/inbox\/verify">/);
    expect(chat.text).not.toContain('消息中心');
    // The help desk's timeline shows the welcome as the member saw it.
    expect(s.portal.wecom.helpdesk.timelineOf(ZHAO.uid).map((e) => e.shown)).toContain('欢迎关注“电子科技大学”企业号');
  });

  it('goes through 统一身份认证 again (a fresh login even with SSO) and then shows 消息中心', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal);
    const open = await browser.get('/wecom/inbox/verify');
    expect(open.status).toBe(302);
    const login = new URL(open.headers.location as string, s.url);
    expect(login.searchParams.get('renew')).toBe('true');
    // The browser is logged in at the portal (SSO) from 第二步, yet renew shows the form again.
    const form = await browser.get(pathOf(open.headers.location as string));
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="execution"');
    const back = await casLogin(browser, open.headers.location as string, ZHAO);
    const done = await browser.get(pathOf(back.headers.location as string));
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/wecom/inbox/corp');
    const chat = await browser.get('/wecom/inbox/corp');
    expect(chat.text).toContain('身份验证成功，您已成功激活企业号');
    expect(chat.text).toContain('id="message-center"');
    expect(chat.text).not.toContain('id="auth-notice"');
    const status = await api().get(`/api/v1/candidates/${ZHAO.uid}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    expect(status.body.wecom).toMatchObject({ status: 'verified', phone: '13900000009', verifiedAt: expect.any(String), groupedAt: null });
  });

  it('refuses another person’s login for the notice of this WeChat’s member', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal);
    await api().post(`/api/v1/candidates/${demo.wu.candidateNo}/activate`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)
      .send({ password: GOOD_PASSWORD, phone: '13700003001', email: 'wujing@example.com' });
    const open = await browser.get('/wecom/inbox/verify');
    const back = await casLogin(browser, open.headers.location as string, { uid: demo.wu.candidateNo, password: GOOD_PASSWORD });
    const refused = await browser.get(pathOf(back.headers.location as string));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('统一身份认证的账号与当前微信绑定的成员不一致，请使用本人账号认证');
    expect(s.portal.db.prepare('SELECT verified_at FROM wecom_members WHERE uid = ?').pluck().get(ZHAO.uid)).toBeNull();
  });

  it('shows 消息中心 at once to a member who needs no 二次认证, and has no notice to open', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal, '13900003002');
    await browser.get('/wecom/inbox/verify');
    await api().put(`/api/v1/wecom/members/${ZHAO.uid}/second-auth`).set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({ required: false, reason: '演示无需二次认证' });
    const chat = await browser.get('/wecom/inbox/corp');
    expect(chat.text).toContain('id="message-center"');
    expect(chat.text).not.toContain('id="auth-notice"');
    const open = await browser.get('/wecom/inbox/verify');
    expect(open.status).toBe(409);
    expect(open.text).toContain('没有待处理的身份验证消息');
  });

  it('leaves the chat list without the 企业号 for a WeChat that follows nothing', async () => {
    const inbox = await s.browser().get('/wecom/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.text).not.toContain('corp-chat');
    expect(inbox.text).toContain('文件传输助手');
    expect((await s.browser().get('/wecom/inbox/corp')).headers.location).toBe('/wecom/inbox');
  });
});
