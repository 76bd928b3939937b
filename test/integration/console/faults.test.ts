import { describe, expect, it } from 'vitest';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { latestCodeTo, messagesOf } from '../../support/portal.ts';
import { consoleCsrf, makeConsolePortal, signInAdmin, signInAgent } from './consoleSupport.ts';
import type { Agent } from '../../support/portal.ts';

async function switchOn(admin: Agent, form: Record<string, string>) {
  return admin.post('/console/faults/on').type('form').send({ ...form, _csrf: await consoleCsrf(admin, '/console/faults') });
}

async function switchOff(admin: Agent, form: Record<string, string>) {
  return admin.post('/console/faults/off').type('form').send({ ...form, _csrf: await consoleCsrf(admin, '/console/faults') });
}

const askPhoneCode = (agent: Agent, phone: string) => postForm(agent, `${A}/phone/code`, { phone }, `${A}/phone`);

describe('训练故障', () => {
  it('delays SMS delivery by N seconds: the code reaches the outbox only then', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    await switchOn(admin, { kind: 'sms_delay', seconds: '90' });
    const banner = (await admin.get('/console/candidates')).text;
    expect(banner).toContain('训练故障进行中：短信延迟90秒送达');
    const candidate = await walkTo(portal, 'phone');
    const sent = await askPhoneCode(candidate, '13800138001');
    expect(messagesOf(sent.text)).toContain('验证码已发送至138****8001，5分钟内有效');
    expect((await admin.get('/console/outbox')).text).toContain('共0条');
    portal.clock.advance(90_000);
    expect((await admin.get('/console/outbox')).text).toContain('共1条');
  });

  it('makes SMS delivery fail: the candidate is told, the outbox shows it failed', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    await switchOn(admin, { kind: 'sms_fail' });
    const candidate = await walkTo(portal, 'phone');
    const res = await askPhoneCode(candidate, '13800138001');
    expect(messagesOf(res.text)).toContain('验证码发送失败，请稍后重试');
    expect((await admin.get('/console/outbox')).text).toContain('发送失败');
    await switchOff(admin, { kind: 'sms_fail' });
    portal.clock.advance(120_000);
    expect(messagesOf((await askPhoneCode(candidate, '13800138001')).text)).toContain('验证码已发送至138****8001，5分钟内有效');
  });

  it('makes email delivery fail', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    await switchOn(admin, { kind: 'email_fail' });
    const candidate = await walkTo(portal, 'email');
    const res = await postForm(candidate, `${A}/email/code`, { email: 'zw@example.com' }, `${A}/email`);
    expect(messagesOf(res.text)).toContain('验证码发送失败，请稍后重试');
  });

  it('reports a phone number\'s daily cap as reached, for that number only', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    await switchOn(admin, { kind: 'phone_daily_cap', target: '138 0013 8001' });
    expect((await admin.get('/console/faults')).text).toContain('手机号13800138001当日验证码已达上限');
    const candidate = await walkTo(portal, 'phone');
    expect(messagesOf((await askPhoneCode(candidate, '13800138001')).text)).toContain('今日获取验证码次数已达上限，请明天再试');
    await askPhoneCode(candidate, '13800138002');
    expect(latestCodeTo(portal, '13800138002')).toMatch(/^\d{6}$/);
  });

  it('marks a 考生 as a current student, who is then told not to use candidate activation; off restores', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    await switchOn(admin, { kind: 'not_a_candidate', target: demo.zhou.candidateNo, accountType: 'staff' });
    expect(portal.store.candidates.findByCandidateNo(demo.zhou.candidateNo)!.account_type).toBe('staff');
    const candidate = await walkTo(portal, 'identity');
    const res = await postForm(candidate, `${A}/identity`, { candidateNo: demo.zhou.candidateNo, name: demo.zhou.name, idType: demo.zhou.idType, idNumber: demo.zhou.idNumber });
    expect(messagesOf(res.text)).toContain('您是本校在职在校师生或延期毕业的本科生，无需进行考生账号激活，请按以下情况操作：');
    await switchOff(admin, { kind: 'not_a_candidate', target: demo.zhou.candidateNo });
    expect(portal.store.candidates.findByCandidateNo(demo.zhou.candidateNo)!.account_type).toBe('candidate');
    const events = portal.db.prepare("SELECT event, actor FROM audit WHERE event LIKE 'FAULT_%' AND candidate_no = ?").all(demo.zhou.candidateNo);
    expect(events).toEqual([{ event: 'FAULT_ON', actor: 'admin' }, { event: 'FAULT_OFF', actor: 'admin' }]);
  });

  it('refuses bad parameters with the reason and switches nothing on', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    expect((await switchOn(admin, { kind: 'sms_delay', seconds: '0' })).text).toContain('延迟秒数应为1到3600之间的整数');
    expect((await switchOn(admin, { kind: 'phone_daily_cap', target: '12345' })).text).toContain('请输入正确的手机号');
    const unknown = await switchOn(admin, { kind: 'not_a_candidate', target: '106140000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('名单中没有该考生号');
    expect((await switchOn(admin, { kind: 'earthquake' })).text).toContain('未知的故障类型');
    expect(portal.store.faults.active()).toEqual([]);
  });

  it('switches everything off at once and the banner goes away', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    await switchOn(admin, { kind: 'sms_fail' });
    await switchOn(admin, { kind: 'email_fail' });
    await admin.post('/console/faults/all-off').type('form').send({ _csrf: await consoleCsrf(admin, '/console/faults') });
    expect(portal.store.faults.active()).toEqual([]);
    expect((await admin.get('/console')).text).not.toContain('训练故障进行中');
  });

  it('offers 关闭 on an active fault\'s card, not 开启; a targeted fault can be switched on for another target', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    await switchOn(admin, { kind: 'sms_fail' });
    await switchOn(admin, { kind: 'phone_daily_cap', target: '13800138001' });
    const html = (await admin.get('/console/faults')).text;
    const card = (kind: string) => new RegExp(`<section class="c-card c-fault[^"]*" id="fault-${kind}">([\\s\\S]*?)</section>`).exec(html)![1]!;
    expect(card('sms_fail')).toContain('进行中');
    expect(card('sms_fail')).toContain('action="/console/faults/off"');
    expect(card('sms_fail')).toContain('>关闭</button>');
    expect(card('sms_fail')).not.toContain('action="/console/faults/on"');
    expect(card('phone_daily_cap')).toContain('手机号13800138001当日验证码已达上限');
    expect(card('phone_daily_cap')).toContain('>关闭</button>');
    expect(card('phone_daily_cap')).toContain('>再开启一个</button>');
    expect(card('email_fail')).toContain('>开启</button>');
    expect(card('email_fail')).not.toContain('关闭');
  });

  it('is for admins only', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await agent.post('/console/faults/on').type('form').send({ kind: 'sms_fail', _csrf: await consoleCsrf(agent, '/console') });
    expect(res.status).toBe(403);
    expect(portal.store.faults.active()).toEqual([]);
  });
});
