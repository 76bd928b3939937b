import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { TEST_API_TOKEN } from '../../support/portal.ts';
import { activateAndFollow, casLogin, pathOf, wecomServerForFile, ZHAO } from '../../support/wecom.ts';

describe('结语 and 步骤三: 我的企业 → 电子科技大学, 消息中心, 等待学院老师建群', () => {
  const s = wecomServerForFile({ wipe: ['wecom_members', 'wecom_groups'] });
  const api = () => request(s.portal.app);
  const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

  async function fullyActivated() {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal);
    const open = await browser.get('/wecom/inbox/verify');
    const back = await casLogin(browser, open.headers.location as string, ZHAO);
    await browser.get(pathOf(back.headers.location as string));
    return browser;
  }

  it('lists 电子科技大学 under 我的企业 once followed, with 消息中心 and the other apps not for candidates', async () => {
    const browser = await fullyActivated();
    const contacts = await browser.get('/wecom/contacts');
    expect(contacts.text).toMatch(/我的企业及企业联系人[\s\S]*id="corp-entry" href="\/wecom\/workbench"/);
    const corp = await browser.get('/wecom/workbench');
    expect(corp.text).toContain('id="app-message-center"');
    expect(corp.text).toMatch(/平安成电<small>考生账号无权使用<\/small>/);
    expect(corp.text).toContain('步骤三：等待学院老师建群');
    expect(corp.text).toContain('无需做任何操作，也无需绑定企业微信邮箱，请耐心等待学院老师建群');
    expect(corp.text).toContain('如长时间未收到群聊相关消息通知，请联系学院招生老师');
    const messages = await browser.get('/wecom/workbench/messages');
    expect(messages.status).toBe(200);
    expect(messages.text).toContain('身份验证成功，您已成功激活企业号');
  });

  it('hides 消息中心 from a follower who still owes 二次认证, with the FAQ’s hint', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal);
    const corp = await browser.get('/wecom/workbench');
    expect(corp.text).not.toContain('app-message-center');
    expect(corp.text).toContain('请取消关注企业号后重新扫码关注');
    expect((await browser.get('/wecom/workbench/messages')).headers.location).toBe('/wecom/workbench');
  });

  it('建群 for a 学院 puts the group notice in the WeChat of its activated members, and the status is 已入群', async () => {
    const browser = await fullyActivated();
    const created = await api().post('/api/v1/wecom/groups').set(auth).send({ department: ZHAO.department });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ department: '自动化工程学院', name: '自动化工程学院研究生复试考生群', createdBy: 'api' });
    const chat = await browser.get('/wecom/inbox/corp');
    expect(chat.text).toContain('学院老师已创建群聊“自动化工程学院研究生复试考生群”，您已被邀请加入');
    const corp = await browser.get('/wecom/workbench');
    expect(corp.text).toContain('学院老师已建群');
    expect(corp.text).not.toContain('等待学院老师建群');
    const status = await api().get(`/api/v1/candidates/${ZHAO.uid}`).set(auth);
    expect(status.body.wecom).toMatchObject({ status: 'grouped', groupedAt: expect.any(String) });
    const again = await api().post('/api/v1/wecom/groups').set(auth).send({ department: ZHAO.department });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('WECOM_GROUP_EXISTS');
  });

  it('gives a member who activates after the group was created the notice when they finish', async () => {
    await api().post('/api/v1/wecom/groups').set(auth).send({ department: ZHAO.department, name: '自动化学院复试群' });
    const browser = await fullyActivated();
    expect((await browser.get('/wecom/inbox/corp')).text).toContain('学院老师已创建群聊“自动化学院复试群”');
    const events = await api().get(`/api/v1/wecom/members/${ZHAO.uid}/events`).set(auth);
    expect(events.body.map((e: { event: string }) => e.event)).toContain('WECOM_GROUP_NOTICE');
  });

  it('sends a WeChat that follows nothing from 我的企业 back to 通讯录', async () => {
    const browser = s.browser();
    expect((await browser.get('/wecom/workbench')).headers.location).toBe('/wecom/contacts');
    expect((await browser.get('/wecom/contacts')).text).toContain('暂无企业');
  });
});
