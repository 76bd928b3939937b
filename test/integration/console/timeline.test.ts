import { describe, expect, it } from 'vitest';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import type { TestPortal } from '../../support/portal.ts';
import { AUDIT_EVENTS, type AuditEvent } from '../../../src/data/auditEvents.ts';
import { switchFaultOn } from '../../../src/roster/trainingFaults.ts';
import { consoleCsrf, makeConsolePortal, signInAgent } from './consoleSupport.ts';

const page = (no: string) => `/console/candidates/${no}`;

/** The timeline's entries as text, in page order. */
function entries(html: string): string[] {
  const list = /<ol class="c-timeline">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li class="c-event[^"]*">([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

function record(portal: TestPortal, no: string, event: AuditEvent, extra: { outcome?: 'ok' | 'error'; code?: string; params?: Record<string, unknown>; at?: number } = {}) {
  const c = portal.store.candidates.findByCandidateNo(no)!;
  portal.store.audit.record({ at: extra.at ?? portal.clock.now(), event, outcome: extra.outcome ?? 'error', code: extra.code ?? null, params: extra.params ?? null, candidateId: c.id, candidateNo: no });
}

describe('the candidate timeline', () => {
  it('lists the newest event first', async () => {
    const portal = await makeConsolePortal();
    const candidate = await walkTo(portal, 'phone', { candidate: demo.zhang });
    portal.clock.advance(1000);
    await postForm(candidate, `${A}/phone/code`, { phone: '13800138001' }, `${A}/phone`);
    portal.clock.advance(1000);
    const code = /验证码为(\d{6})/.exec(portal.store.outbox.listTo('13800138001', 1)[0]!.text)![1]!;
    await postForm(candidate, `${A}/phone`, { phone: '13800138001', code });
    const timeline = entries((await (await signInAgent(portal)).get(page(demo.zhang.candidateNo))).text);
    expect(timeline.map((e) => /^\S+ \S+ (\S+)/.exec(e)![1])).toEqual(['绑定手机', '获取短信验证码', '发送短信至', '身份校验']);
  });

  it('names every audit event in Chinese: no event code ever reaches the page', async () => {
    const portal = await makeConsolePortal();
    // Refused, so that staff actions in WeCom (shown once, as the WeCom event, when they succeed) are listed too.
    for (const event of Object.keys(AUDIT_EVENTS) as AuditEvent[]) record(portal, demo.zhang.candidateNo, event, { outcome: 'error' });
    const html = (await (await signInAgent(portal)).get(page(demo.zhang.candidateNo))).text;
    const timeline = entries(html);
    expect(timeline).toHaveLength(Object.keys(AUDIT_EVENTS).length);
    for (const entry of timeline) expect(entry).not.toMatch(/\b[A-Z][A-Z_]{3,}\b/);
    expect(timeline.join('\n')).toContain('通知应用退出登录（单点注销）');
  });

  it('tells staff which identity field differed, while the candidate saw only the generic message', async () => {
    const portal = await makeConsolePortal();
    record(portal, demo.li.candidateNo, 'IDENTITY_CHECK', { code: 'IDENTITY_MISMATCH', params: { mismatch: ['name', 'idNumber'] } });
    const res = await (await signInAgent(portal)).get(page(demo.li.candidateNo));
    const [entry] = entries(res.text);
    expect(entry).toContain('考生看到： 输入信息有误，请核对后重新输入');
    expect(entry).toContain('与名单不一致的字段：姓名、证件号码');

    const unknown = await makeConsolePortal();
    record(unknown, demo.li.candidateNo, 'IDENTITY_CHECK', { code: 'IDENTITY_MISMATCH', params: { mismatch: ['candidateNo'] } });
    expect(entries((await (await signInAgent(unknown)).get(page(demo.li.candidateNo))).text)[0]).toContain('名单中没有该考生号');
  });

  it('names the application a refused login was for, and shows a lock\'s end time', async () => {
    const portal = await makeConsolePortal();
    const at = portal.clock.now();
    record(portal, demo.zhao.candidateNo, 'LOGIN', { code: 'INVALID_CREDENTIALS', params: { service: '企业微信激活' }, at });
    record(portal, demo.zhao.candidateNo, 'LOGIN_LOCKED', { code: 'ACCOUNT_LOCKED', params: { minutes: 15 }, at: at + 1 });
    record(portal, demo.zhao.candidateNo, 'LOGIN', { code: 'ACCOUNT_LOCKED', at: at + 2 });
    const html = (await (await signInAgent(portal)).get(page(demo.zhao.candidateNo))).text;
    const [stillLocked, locked, refused] = entries(html);
    expect(refused).toContain('您提供的用户名或者密码有误');
    expect(refused).toContain('应用：企业微信激活');
    // 02:00 UTC + 15 minutes = 10:15 in Beijing.
    expect(locked).toContain('账号已冻结，预计解冻时间：2026-03-10 10:15:00');
    expect(stillLocked).toContain('账号已冻结，预计解冻时间：（未记录）');
    expect(html).not.toContain('undefined');
  });

  it('marks an SMS that failed as 未送达, not as something the candidate saw', async () => {
    const portal = await makeConsolePortal();
    switchFaultOn(portal.store, { kind: 'sms_fail' }, 'admin', portal.clock.now(), '10614');
    const candidate = await walkTo(portal, 'phone', { candidate: demo.zhang });
    portal.clock.advance(1000);
    await postForm(candidate, `${A}/phone/code`, { phone: '13800138001' }, `${A}/phone`);
    const [failedCode, message] = entries((await (await signInAgent(portal)).get(page(demo.zhang.candidateNo))).text);
    expect(message).toContain('发送短信至 138****8001');
    expect(message).toContain('未送达');
    expect(message).toContain('消息内容（考生未收到）');
    expect(message).toContain('训练故障：发送失败，考生没有收到这条消息');
    expect(message).not.toContain('考生看到');
    expect(failedCode).toContain('考生看到： 验证码发送失败');
  });

  it('marks a delayed SMS as not yet delivered, with when it will arrive', async () => {
    const portal = await makeConsolePortal();
    switchFaultOn(portal.store, { kind: 'sms_delay', seconds: 600 }, 'admin', portal.clock.now(), '10614');
    const candidate = await walkTo(portal, 'phone', { candidate: demo.zhang });
    await postForm(candidate, `${A}/phone/code`, { phone: '13800138001' }, `${A}/phone`);
    const [message] = entries((await (await signInAgent(portal)).get(page(demo.zhang.candidateNo))).text);
    expect(message).toContain('未送达');
    expect(message).toContain('尚未送达（短信延迟），预计2026-03-10 10:10:00送达');
  });

  it('hides the codes in messages until 显示, which is recorded', async () => {
    const portal = await makeConsolePortal();
    await walkTo(portal, 'email', { candidate: demo.zhang, phone: '13800138001' });
    const code = /验证码为(\d{6})/.exec(portal.store.outbox.listTo('13800138001', 1)[0]!.text)![1]!;
    const agent = await signInAgent(portal);
    const masked = (await agent.get(page(demo.zhang.candidateNo))).text;
    expect(masked).toContain('您的验证码为******');
    expect(masked).not.toContain(code);
    const shown = await agent.post(`${page(demo.zhang.candidateNo)}/reveal`).type('form').send({ _csrf: await consoleCsrf(agent, page(demo.zhang.candidateNo)) });
    expect(shown.text).toContain(`您的验证码为${code}`);
    expect(shown.text).toContain('发送短信至 13800138001');
  });
});
