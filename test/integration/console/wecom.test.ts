import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../support/portal.ts';
import { activateAndFollow, wecomServer, ZHAO, type WecomServer } from '../../support/wecom.ts';
import { ADMIN_PASSWORD, addStaff, consoleCsrf, signInAdmin, signInAgent } from './consoleSupport.ts';

const PAGE = `/console/candidates/${ZHAO.uid}`;

let server: WecomServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A listening portal (the WeCom app validates tickets over HTTP) with console staff, and 赵磊 followed in WeCom. */
async function followedZhao() {
  server = await wecomServer({ CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD });
  await addStaff(server.portal);
  await activateAndFollow(server.browser(), server.portal, '13900000009');
  return server.portal;
}

/** The timeline's entries as text, newest first. */
function entries(html: string): string[] {
  const list = /<ol class="c-timeline">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li class="c-event[^"]*">([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

const card = (html: string) => /<section class="c-card c-wide" id="wecom">([\s\S]*?)<\/section>/.exec(html)![1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function act(agent: Agent, action: string, form: Record<string, string>) {
  return agent.post(`${PAGE}/wecom/${action}`).type('form').send({ ...form, _csrf: await consoleCsrf(agent, PAGE) });
}

describe('the candidate page shows the WeCom journey', () => {
  it('status, phone (masked until 显示), the 二次认证 flag, and the WeCom events in the same timeline, in Chinese, as the candidate saw them', async () => {
    const portal = await followedZhao();
    const agent = await signInAgent(portal);
    const html = (await agent.get(PAGE)).text;
    expect(card(html)).toContain('激活状态 已关注');
    expect(card(html)).toContain('企业微信手机号 139****0009');
    expect(card(html)).toContain('二次认证 需要');
    expect(card(html)).toContain('学院群聊 学院尚未建群');
    const timeline = entries(html);
    const followed = timeline.find((e) => e.includes('企业微信：关注企业号'))!;
    expect(followed).toContain('考生看到：');
    expect(timeline.findIndex((e) => e.includes('企业微信：关注企业号'))).toBeLessThan(timeline.findIndex((e) => e.includes('企业微信：验证手机号码')));
    expect(timeline.some((e) => e.includes('企业微信：身份验证（统一身份认证）'))).toBe(true);
    for (const entry of timeline) expect(entry).not.toMatch(/\bWECOM_[A-Z_]+\b/);
    expect(timeline.find((e) => e.includes('企业微信：获取短信验证码'))).toContain('验证码已发送至139****0009，5分钟内有效');
    expect(html).not.toContain('undefined');
    // The guide's FAQ answer for "followed, no 身份验证 message".
    expect(html).toContain('如激活成功但收不到身份验证的消息，请尝试取消关注电子科技大学企业号，再重新扫码关注');
  });
});

describe('the help desk acts on the WeCom app, with a reason, recorded like every staff action', () => {
  it('waives 二次认证: the member reaches 消息中心, the timeline says who and why', async () => {
    const portal = await followedZhao();
    const agent = await signInAgent(portal);
    const res = await act(agent, 'second-auth-off', { reason: '考生确认已能看到消息中心以外的应用' });
    expect(res.status).toBe(303);
    const html = (await agent.get(PAGE)).text;
    expect(html).toContain('已设置：该成员无需二次认证');
    expect(card(html)).toContain('激活状态 已二次认证');
    expect(card(html)).toContain('二次认证 不需要');
    const flag = entries(html).find((e) => e.includes('企业微信：设置是否需要二次认证'))!;
    expect(flag).toContain('操作人：王老师（wang）');
    expect(flag).toContain('原因：考生确认已能看到消息中心以外的应用');
    // Shown once in the timeline, but in the staff audit log as a staff action.
    expect(entries(html).filter((e) => e.includes('二次认证') && e.includes('操作人'))).toHaveLength(1);
    const audit = portal.db.prepare("SELECT actor, outcome, params FROM audit WHERE event = 'STAFF_WECOM_SECOND_AUTH'").get() as { actor: string; outcome: string; params: string };
    expect(audit).toMatchObject({ actor: 'wang', outcome: 'ok' });
    expect(JSON.parse(audit.params)).toMatchObject({ reason: '考生确认已能看到消息中心以外的应用', action: 'second-auth-off' });
    expect(portal.wecom.helpdesk.statusOf(ZHAO.uid).needsSecondAuth).toBe(false);
  });

  it('changes the WeCom phone (情况三) only with a reason and a valid number, keeping what was typed', async () => {
    const portal = await followedZhao();
    const agent = await signInAgent(portal);
    const noReason = await act(agent, 'change-phone', { phone: '13900000010', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('请填写处理原因');
    expect(noReason.text).toContain('value="13900000010"');
    const badPhone = await act(agent, 'change-phone', { phone: '123', reason: '原号码已停用' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.text).toContain('value="123"');
    expect(badPhone.text).toContain('原号码已停用</textarea>');
    expect(portal.wecom.helpdesk.statusOf(ZHAO.uid).phone).toBe('13900000009');

    expect((await act(agent, 'change-phone', { phone: '13900000010', reason: '原号码已停用，已核验身份证' })).status).toBe(303);
    expect(portal.wecom.helpdesk.statusOf(ZHAO.uid).phone).toBe('13900000010');
    const changed = entries((await agent.get(PAGE)).text).find((e) => e.includes('企业微信：更换手机号'))!;
    expect(changed).toContain('139****0010');
    expect(changed).toContain('原因：原号码已停用，已核验身份证');
  });

  it('the training fault "关注后收不到身份验证消息" is for admins', async () => {
    const portal = await followedZhao();
    const agent = await signInAgent(portal);
    expect((await agent.get(PAGE)).text).not.toContain('/wecom/notice-lost-on');
    expect((await act(agent, 'notice-lost-on', { reason: '演练' })).status).toBe(403);
    const admin = await signInAdmin(portal);
    expect((await act(admin, 'notice-lost-on', { reason: '演练：收不到身份验证消息' })).status).toBe(303);
    const html = (await admin.get(PAGE)).text;
    expect(card(html)).toContain('训练故障进行中：关注后收不到身份验证消息');
    expect(html).toContain('/wecom/notice-lost-off');
    expect(portal.wecom.helpdesk.statusOf(ZHAO.uid).authNoticeLost).toBe(true);
  });
});

describe('学院建群 and the journey funnel to 已入群', () => {
  it('creates a 学院\'s group, the member is 已入群, and the funnel runs from 身份校验 to 已入群 with the 学院 filter', async () => {
    const portal = await followedZhao();
    const admin = await signInAdmin(portal);
    await act(admin, 'second-auth-off', { reason: '无需二次认证' });
    const create = async (form: Record<string, string>) => admin.post('/console/wecom/groups').type('form').send({ ...form, _csrf: await consoleCsrf(admin, '/console/wecom') });
    expect((await create({ department: '不存在的学院' })).text).toContain('请选择学院');
    expect((await create({ department: ZHAO.department })).status).toBe(303);
    const groups = (await admin.get('/console/wecom')).text;
    expect(groups).toContain(`已为${ZHAO.department}建群`);
    expect(groups).toContain(`${ZHAO.department}研究生复试考生群`);
    const again = await create({ department: ZHAO.department });
    expect(again.status).toBe(409);
    expect(again.text).toContain('该学院的群聊已创建');

    const page = (await admin.get(PAGE)).text;
    expect(card(page)).toContain('激活状态 已入群');
    expect(page).toContain('您已完成全部激活并已加入学院群聊');
    expect(entries(page).some((e) => e.includes('企业微信：收到建群通知') && e.includes('研究生复试考生群'))).toBe(true);

    const dashboard = (await admin.get('/console').query({ department: ZHAO.department })).text;
    const table = /<table class="c-table c-funnel">([\s\S]*?)<\/table>/.exec(dashboard)![1]!;
    const rows = [...table.matchAll(/<tr><td>(.*?)<\/td><td class="c-num">(\d+)<\/td><td class="c-num">(.*?)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ['名单中的考生', '1', '100%'], ['通过身份校验', '1', '100%'], ['绑定手机', '1', '100%'], ['绑定邮箱', '1', '100%'], ['激活完成', '1', '100%'],
      ['已验证手机', '1', '100%'], ['已关注', '1', '100%'], ['已二次认证', '1', '100%'], ['已入群', '1', '100%'],
    ]);
    const all = (await admin.get('/console')).text;
    expect(all).toMatch(/<tr><td>已入群<\/td><td class="c-num">1<\/td><td class="c-num">9%<\/td>/);
    expect(portal.db.prepare("SELECT actor FROM audit WHERE event = 'STAFF_WECOM_GROUP' AND outcome = 'ok'").pluck().get()).toBe('admin');
  });
});
