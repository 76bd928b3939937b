import { describe, expect, it } from 'vitest';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { demoActivated } from '../../../src/data/demoRoster.ts';
import { AGENT, consoleCsrf, makeConsolePortal, signInAgent } from './consoleSupport.ts';
import type { TestPortal, Agent } from '../../support/portal.ts';
import { lockFor } from '../../support/limits.ts';

const page = (no: string) => `/console/candidates/${no}`;

/** Runs a staff action, confirmed (重置激活 asks first: see candidatePage.test.ts). */
async function act(agent: Agent, no: string, action: string, reason: string) {
  return agent.post(`${page(no)}/actions/${action}`).type('form').send({ reason, confirm: '1', _csrf: await consoleCsrf(agent, page(no)) });
}

function lastAudit(portal: TestPortal, event: string) {
  return portal.db.prepare('SELECT * FROM audit WHERE event = ? ORDER BY id DESC LIMIT 1').get(event) as Record<string, unknown>;
}

describe('考生查询', () => {
  it.each([
    ['考生号', demo.li.candidateNo, '李娜'],
    ['姓名 (part)', '买买提', '买买提·艾力'],
    ['证件号码 last 4', '0053', '刘洋'],
    ['bound phone', demoActivated.phone, '赵磊'],
    ['bound email', demoActivated.email.toUpperCase(), '赵磊'],
  ])('finds a candidate by %s', async (_what, q, name) => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await agent.get('/console/candidates').query({ q });
    expect(res.text).toContain(name);
    expect(res.text).toContain('共1条');
  });

  it('filters by status, including locked, and pages through long lists', async () => {
    const portal = await makeConsolePortal();
    lockFor(portal, 'identity', demo.zhou.candidateNo, portal.clock.now() + 60_000);
    const agent = await signInAgent(portal);
    expect((await agent.get('/console/candidates?status=active')).text).toContain('共1条');
    const locked = await agent.get('/console/candidates?status=locked');
    expect(locked.text).toContain('共1条');
    expect(locked.text).toContain('周杰');
    expect((await agent.get('/console/candidates?status=pending')).text).toContain('共11条');
    expect((await agent.get('/console/candidates?q=%25')).text).toContain('共0条');
    for (let i = 100; i < 130; i++) portal.store.candidates.insert({ candidateNo: `106146510300${i}`, name: `考生${i}`, idType: 'passport', idNumber: `P${i}0000` }, portal.clock.now());
    const second = await agent.get('/console/candidates?page=2');
    expect(second.text).toContain('第2/3页');
    expect(second.text).toContain('106146510300108');
  });

  it('masks the ID number, phone and email in the list and on the page', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    for (const res of [await agent.get(`/console/candidates?q=${demo.zhao.candidateNo}`), await agent.get(page(demo.zhao.candidateNo))]) {
      expect(res.text).toContain('138****8009');
      expect(res.text).toContain('zha***@example.com');
      expect(res.text).toContain('510***********1711');
      expect(res.text).not.toContain(demoActivated.phone);
      expect(res.text).not.toContain(demo.zhao.idNumber);
    }
  });

  it('shows the full values after "show" and records who looked', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await agent.post(`${page(demo.zhao.candidateNo)}/reveal`).type('form').send({ _csrf: await consoleCsrf(agent, page(demo.zhao.candidateNo)) });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain(demoActivated.phone);
    expect(res.text).toContain(demoActivated.email);
    expect(res.text).toContain(demo.zhao.idNumber);
    expect(lastAudit(portal, 'STAFF_REVEAL')).toMatchObject({ actor: AGENT.username, candidate_no: demo.zhao.candidateNo });
    expect((await agent.get(page(demo.zhao.candidateNo))).text).toContain('查看完整个人信息');
  });

  it('answers 404 for an unknown 考生号', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    expect((await agent.get(page('106140000000000'))).status).toBe(404);
  });
});

describe('the timeline shows what the candidate saw', () => {
  it('lists each attempt with the exact message, the codes sent with their text, and lockouts', async () => {
    const portal = await makeConsolePortal({ IDENTITY_MAX_FAILURES: '2' });
    const candidate = await walkTo(portal, 'identity', { candidate: demo.li });
    const wrong = { candidateNo: demo.li.candidateNo, name: '李四', idType: demo.li.idType, idNumber: demo.li.idNumber };
    await postForm(candidate, `${A}/identity`, wrong);
    await postForm(candidate, `${A}/identity`, wrong);
    const zhang = await walkTo(portal, 'email', { candidate: demo.zhang, phone: '13800138001' });
    await postForm(zhang, `${A}/email`, { email: 'zw@example.com', code: '000000' });

    const agent = await signInAgent(portal);
    const li = (await agent.get(page(demo.li.candidateNo))).text;
    expect(li).toContain('输入信息有误，请核对后重新输入');
    expect(li).toContain('该考生号校验失败次数过多，已被锁定，预计解锁时间：2026-03-10 10:30:00。如需帮助，请联系服务台：028-61831184');
    expect(li).toContain('激活身份校验锁定至');
    // The lock holds for the address that failed; the help desk sees which.
    expect(li).toContain('（仅限来自 127.0.0.1 的尝试）');
    const zw = (await agent.get(page(demo.zhang.candidateNo))).text;
    expect(zw).toContain('发送短信至 138****8001');
    // The code itself is read out only after 显示 (audited), like the full number.
    expect(zw).toContain('您的验证码为******，5分钟内有效');
    expect(zw).not.toMatch(/您的验证码为\d{6}/);
    expect(zw).toContain('绑定手机');
    expect(zw).toContain('请先获取验证码');
  });
});

describe('staff actions', () => {
  it('asks for a reason and does nothing without one', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await act(agent, demo.zhao.candidateNo, 'reset-activation', '   ');
    expect(res.status).toBe(400);
    expect(res.text).toContain('请填写处理原因');
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.status).toBe('active');
  });

  it('unlocks the identity and login locks and records the reason with the staff name', async () => {
    const portal = await makeConsolePortal();
    const now = portal.clock.now();
    lockFor(portal, 'identity', demo.zhou.candidateNo, now + 3_600_000);
    lockFor(portal, 'login', demo.zhou.candidateNo, now + 3_600_000);
    const agent = await signInAgent(portal);
    const res = await act(agent, demo.zhou.candidateNo, 'unlock', '考生来电，已核验身份证');
    expect(res.status).toBe(303);
    expect(portal.store.attempts.lockedUntil('identity', demo.zhou.candidateNo, '', now)).toBeUndefined();
    expect(portal.store.attempts.lockedUntil('login', demo.zhou.candidateNo, '', now)).toBeUndefined();
    const after = (await agent.get(res.headers.location!)).text;
    expect(after).toContain('已解除锁定，考生可以重新进行身份校验和登录');
    expect(after).toContain('操作人：王老师（wang）');
    expect(after).toContain('原因：考生来电，已核验身份证');
    expect(lastAudit(portal, 'STAFF_UNLOCK')).toMatchObject({ outcome: 'ok', actor: AGENT.username });
    const again = await act(agent, demo.zhou.candidateNo, 'unlock', 'again');
    expect((await agent.get(again.headers.location!)).text).toContain('该考生当前没有被锁定');
    expect(lastAudit(portal, 'STAFF_UNLOCK')).toMatchObject({ outcome: 'error', code: 'ACTION_NOT_LOCKED' });
  });

  it('resets an activation: back to pending, credentials cleared, SSO sessions ended', async () => {
    const portal = await makeConsolePortal();
    const zhao = portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!;
    const now = portal.clock.now();
    portal.store.ssoSessions.create({ id: 'TGT-1', candidateId: zhao.id, now, expiresAt: now + 3_600_000 });
    const agent = await signInAgent(portal);
    const res = await act(agent, demo.zhao.candidateNo, 'reset-activation', '考生换手机，需重新激活');
    expect((await agent.get(res.headers.location!)).text).toContain('已重置激活');
    const after = portal.store.candidates.findById(zhao.id)!;
    expect(after).toMatchObject({ status: 'pending', phone: null, email: null, password_hash: null, activated_at: null });
    expect(portal.store.ssoSessions.findById('TGT-1')!.ended_at).toBe(now);
    expect(lastAudit(portal, 'STAFF_RESET_ACTIVATION')).toMatchObject({ outcome: 'ok', actor: AGENT.username, candidate_id: zhao.id });
    // The candidate can now activate again with a new phone.
    await walkTo(portal, 'done', { candidate: demo.zhao, phone: '13900139000', email: 'new@example.com' });
    expect(portal.store.candidates.findById(zhao.id)!.phone).toBe('13900139000');
  });

  it('forces a password reset at the next login on an active account only', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    await act(agent, demo.zhao.candidateNo, 'force-password-reset', '疑似密码泄露');
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.must_reset_password).toBe(1);
    expect((await agent.get(page(demo.zhao.candidateNo))).text).toContain('下次登录须重置密码');
    const pending = await act(agent, demo.zhang.candidateNo, 'force-password-reset', 'test');
    expect((await agent.get(pending.headers.location!)).text).toContain('该考生尚未激活，无需此操作');
    expect(portal.store.candidates.findByCandidateNo(demo.zhang.candidateNo)!.must_reset_password).toBe(0);
  });

  it.each([
    ['unbind-phone', 'phone', '已解绑手机'],
    ['unbind-email', 'email', '已解绑邮箱'],
  ] as const)('%s frees the bound value of an active account and records it', async (action, column, done) => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await act(agent, demo.zhao.candidateNo, action, '考生更换了手机号');
    expect((await agent.get(res.headers.location!)).text).toContain(done);
    const row = portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!;
    expect(row[column]).toBeNull();
    expect(row.status).toBe('active');
    expect(row.password_hash).not.toBeNull();
    const other = column === 'phone' ? 'email' : 'phone';
    expect(row[other]).toBe(demoActivated[other]);
    expect(lastAudit(portal, action === 'unbind-phone' ? 'STAFF_UNBIND_PHONE' : 'STAFF_UNBIND_EMAIL')).toMatchObject({ outcome: 'ok', actor: AGENT.username, candidate_id: row.id });
    expect(JSON.parse(String(lastAudit(portal, action === 'unbind-phone' ? 'STAFF_UNBIND_PHONE' : 'STAFF_UNBIND_EMAIL').params))).toMatchObject({ reason: '考生更换了手机号' });
    const again = await act(agent, demo.zhao.candidateNo, action, '再次解绑');
    expect((await agent.get(again.headers.location!)).text).toContain('没有可解绑的手机或邮箱');
    const pending = await act(agent, demo.zhang.candidateNo, action, '换绑');
    expect((await agent.get(pending.headers.location!)).text).toContain('没有可解绑的手机或邮箱');
  });

  it('answers 404 for an unknown action', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    expect((await act(agent, demo.zhao.candidateNo, 'delete-everything', 'x')).status).toBe(404);
  });
});
