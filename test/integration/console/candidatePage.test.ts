import { describe, expect, it } from 'vitest';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import type { Agent } from '../../support/portal.ts';
import { consoleCsrf, makeConsolePortal, signInAdmin, signInAgent } from './consoleSupport.ts';
import { lockFor } from '../../support/limits.ts';

const page = (no: string) => `/console/candidates/${no}`;

/** The labels of the action buttons the page offers. */
function offeredActions(html: string): string[] {
  const section = /<section class="c-card c-wide" id="actions">([\s\S]*?)<\/section>/.exec(html)![1]!;
  return [...section.matchAll(/<button type="submit" formaction="[^"]+"[^>]*>([^<]+)<\/button>/g)].map((m) => m[1]!);
}

/** The situations (titles) whose suggested answer the page shows, in order. */
function scriptTitles(html: string): string[] {
  const section = /<section class="c-card c-wide" id="scripts">([\s\S]*?)<\/section>/.exec(html)![1]!;
  return [...section.matchAll(/<h3><span class="c-tag">([^<]+)<\/span><\/h3>/g)].map((m) => m[1]!);
}

async function post(agent: Agent, no: string, action: string, form: Record<string, string>) {
  return agent.post(`${page(no)}/actions/${action}`).type('form').send({ ...form, _csrf: await consoleCsrf(agent, page(no)) });
}

describe('the candidate page offers only the actions that apply', () => {
  it.each([
    ['a pending account, not locked', demo.zhang.candidateNo, [], '该账号当前没有需要服务台处理的操作'],
    ['an active account with phone and email', demo.zhao.candidateNo, ['解绑手机', '解绑邮箱', '重置激活', '下次登录强制重置密码'], undefined],
  ])('%s', async (_what, no, offered, none) => {
    const portal = await makeConsolePortal();
    const html = (await (await signInAgent(portal)).get(page(no))).text;
    expect(offeredActions(html)).toEqual(offered);
    if (none) expect(html).toContain(none);
  });

  it('offers 解除锁定 only while locked, and no unbind once nothing is bound', async () => {
    const portal = await makeConsolePortal();
    const zhao = portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!;
    lockFor(portal, 'login', zhao.candidate_no, portal.clock.now() + 60_000);
    portal.store.roster.unbind(zhao.id, 'phone', portal.clock.now());
    portal.store.roster.requirePasswordReset(zhao.id, portal.clock.now());
    const html = (await (await signInAgent(portal)).get(page(zhao.candidate_no))).text;
    expect(offeredActions(html)).toEqual(['解除锁定', '解绑邮箱', '重置激活']);
  });

  it('has one reason box for every action; an empty reason keeps the page and changes nothing', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const html = (await agent.get(page(demo.zhao.candidateNo))).text;
    expect(html.match(/name="reason"/g)).toHaveLength(1);
    const res = await post(agent, demo.zhao.candidateNo, 'unbind-phone', { reason: '  ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('请填写处理原因');
    expect(res.text).toContain('aria-invalid="true"');
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.phone).not.toBeNull();
  });

  it('asks to confirm 重置激活 on a page of its own (no JavaScript needed), keeping the reason', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const ask = await post(agent, demo.zhao.candidateNo, 'reset-activation', { reason: '考生要求重新激活' });
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('确认重置激活');
    expect(ask.text).toContain('此操作无法撤销');
    expect(ask.text).toContain('name="reason" value="考生要求重新激活"');
    expect(ask.text).toContain('name="confirm" value="1"');
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.status).toBe('active');
    expect(portal.db.prepare("SELECT COUNT(*) FROM audit WHERE event = 'STAFF_RESET_ACTIVATION'").pluck().get()).toBe(0);

    const done = await post(agent, demo.zhao.candidateNo, 'reset-activation', { reason: '考生要求重新激活', confirm: '1' });
    expect(done.status).toBe(303);
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.status).toBe('pending');
    expect((await agent.get(done.headers.location!)).text).toContain('原因：考生要求重新激活');
  });
});

describe('the suggested answer (话术) for the situation the candidate is in', () => {
  it('a candidate who has not started is told how to begin', async () => {
    const portal = await makeConsolePortal();
    const html = (await (await signInAgent(portal)).get(page(demo.zhang.candidateNo))).text;
    expect(scriptTitles(html)).toEqual(['未开始激活']);
    expect(html).toContain('点击下方的【账号激活】');
    expect(html).toContain('电子科技大学统一身份认证登录页面');
  });

  it('a current student is told not to activate, in the guide\'s two cases', async () => {
    const portal = await makeConsolePortal();
    const html = (await (await signInAgent(portal)).get(page(demo.liu.candidateNo))).text;
    expect(scriptTitles(html)[0]).toBe('在校生、教职工');
    expect(html).toContain('曾经激活并且使用过电子科技大学企业微信账号的，无需激活，可直接下载企业微信 APP 使用');
  });

  it('a locked candidate after mismatches gets the lock (with its end time) and the mismatch answers', async () => {
    const portal = await makeConsolePortal({ IDENTITY_MAX_FAILURES: '2' });
    const candidate = await walkTo(portal, 'identity', { candidate: demo.li });
    const wrong = { candidateNo: demo.li.candidateNo, name: '李四', idType: demo.li.idType, idNumber: demo.li.idNumber };
    for (let i = 0; i < 2; i++) await postForm(candidate, `${A}/identity`, wrong);
    const html = (await (await signInAgent(portal)).get(page(demo.li.candidateNo))).text;
    expect(scriptTitles(html)).toEqual(['被锁定', '信息不匹配', '未开始激活']);
    expect(html).toContain('预计解冻时间：2026-03-10 10:30:00');
    expect(html).toContain('证件号码末位的X请大写');
  });

  it('a candidate who asked for a code and never used it gets the "no code" answer with the real limits', async () => {
    const portal = await makeConsolePortal();
    const candidate = await walkTo(portal, 'phone', { candidate: demo.zhang });
    await postForm(candidate, `${A}/phone/code`, { phone: '13800138001' }, `${A}/phone`);
    const html = (await (await signInAgent(portal)).get(page(demo.zhang.candidateNo))).text;
    expect(scriptTitles(html)).toEqual(['收不到验证码', '激活进行中']);
    expect(html).toContain('验证码5分钟内有效，两次获取之间需等待120秒');
    expect(html).toContain('028-61831184');
  });

  it('an activated candidate is pointed to WeCom and to 忘记密码', async () => {
    const portal = await makeConsolePortal();
    const html = (await (await signInAgent(portal)).get(page(demo.zhao.candidateNo))).text;
    expect(scriptTitles(html)).toEqual(['企业微信：未激活', '已激活']);
    expect(html).toContain('扫描《电子科技大学企业号&amp;企业微信激活指南》中的二维码');
    expect(html).toContain('请在登录页点击“忘记密码”');
  });

  it('admins rewrite a script (recorded), agents only read them, and the default can be restored', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const form = async (agent: Agent, data: Record<string, string>) =>
      agent.post('/console/scripts/activated').type('form').send({ ...data, _csrf: await consoleCsrf(agent, '/console/scripts') });

    const empty = await form(admin, { body: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('请填写话术内容，不超过1000字');
    expect((await form(admin, { body: '{name}同学，您已激活，请用考生号{candidateNo}登录。' })).status).toBe(303);
    const html = (await admin.get(page(demo.zhao.candidateNo))).text;
    expect(html).toContain(`赵磊同学，您已激活，请用考生号${demo.zhao.candidateNo}登录。`);
    const row = portal.db.prepare("SELECT * FROM audit WHERE event = 'STAFF_SCRIPT_UPDATED'").get() as { actor: string; params: string };
    expect(row.actor).toBe('admin');
    expect(JSON.parse(row.params)).toMatchObject({ situation: 'activated', restored: false });

    const agent = await signInAgent(portal);
    const list = (await agent.get('/console/scripts')).text;
    expect(list).toContain('{name}同学，您已激活');
    expect(list).not.toContain('<textarea');
    expect((await form(agent, { body: '改掉' })).status).toBe(403);
    expect(portal.db.prepare('SELECT body FROM help_scripts').pluck().get()).toContain('{name}同学');

    await form(admin, { restore: '1' });
    expect((await admin.get(page(demo.zhao.candidateNo))).text).toContain('请在登录页点击“忘记密码”');
    expect(portal.db.prepare('SELECT COUNT(*) FROM help_scripts').pluck().get()).toBe(0);
  });
});
