// Nobody can block another person's codes: caps are per candidate and number under a per-number cap no single
// candidate can use up, and the "bound to another account" answer is counted like any other guess.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { auditTrail, candidate, HOUR, MINUTE } from '../../support/activationChecks.ts';
import { makePortal, messagesOf, type Agent, type TestPortal } from '../../support/portal.ts';

const VICTIM_PHONE = '13800005678';
const sendCode = (agent: Agent, phone: string) => postForm(agent, `${A}/phone/code`, { phone }, `${A}/phone`);
const smsTo = (portal: TestPortal, phone: string) => portal.store.outbox.listTo(phone).filter((m) => m.channel === 'sms');

/** Sends codes to the number, two minutes apart (past the cooldown), a fresh hour every five. */
async function sendMany(portal: TestPortal, agent: Agent, phone: string, count: number) {
  for (let i = 0; i < count; i++) {
    expect((await sendCode(agent, phone)).status).toBe(200);
    portal.clock.advance(2 * MINUTE);
    if (i % 5 === 4) portal.clock.advance(HOUR);
  }
}

describe('code caps a candidate cannot use up for someone else', () => {
  it('one candidate spending the daily cap on a number leaves its owner free to get codes, at once', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440' });
    const intruder = await walkTo(portal, 'phone', { candidate: demo.zhang });
    await sendMany(portal, intruder, VICTIM_PHONE, 10);
    const eleventh = await sendCode(intruder, VICTIM_PHONE);
    expect(eleventh.status).toBe(429);
    expect(messagesOf(eleventh.text)).toEqual(['今日获取验证码次数已达上限，请明天再试']);

    const owner = await walkTo(portal, 'phone', { candidate: demo.li, phone: '13800000099' });
    expect((await sendCode(intruder, VICTIM_PHONE)).status).toBe(429);
    const own = await sendCode(owner, VICTIM_PHONE);
    expect(own.status).toBe(200);
    expect(messagesOf(own.text)).toEqual(['验证码已发送至138****5678，5分钟内有效']);
    expect(smsTo(portal, VICTIM_PHONE)).toHaveLength(11);
  });

  it('still caps a number for everyone together at CODE_MAX_PER_DAY_PER_NUMBER', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440', CODE_MAX_PER_DAY: '2', CODE_MAX_PER_DAY_PER_NUMBER: '3' });
    await sendMany(portal, await walkTo(portal, 'phone', { candidate: demo.zhang }), VICTIM_PHONE, 2);
    await sendMany(portal, await walkTo(portal, 'phone', { candidate: demo.li }), VICTIM_PHONE, 1);
    const third = await walkTo(portal, 'phone', { candidate: demo.chen });
    const refused = await sendCode(third, VICTIM_PHONE);
    expect(refused.status).toBe(429);
    expect(messagesOf(refused.text)).toEqual(['今日获取验证码次数已达上限，请明天再试']);
    expect(smsTo(portal, VICTIM_PHONE)).toHaveLength(3);
  });

  it('refuses a per-number cap one candidate could use up on its own', () => {
    expect(() => loadConfig({ CODE_MAX_PER_DAY: '10', CODE_MAX_PER_DAY_PER_NUMBER: '10' })).toThrow(/CODE_MAX_PER_DAY_PER_NUMBER must be a whole number from 11/);
    expect(loadConfig({ CODE_MAX_PER_DAY: '7' }).limits.codeMaxPerDayPerNumber).toBe(14);
  });
});

describe('"bound to another account" answers are counted', () => {
  it('locks code sending for the candidate after CONTACT_TAKEN_MAX_ANSWERS such answers, then lets it go on', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440' });
    const taken = candidate(portal, demo.zhao.candidateNo).phone!;
    const prober = await walkTo(portal, 'phone', { candidate: demo.zhang });
    for (let i = 0; i < 4; i++) {
      expect(messagesOf((await sendCode(prober, taken)).text)).toEqual(['该手机号已绑定其他账号，请更换手机号或联系服务台']);
    }
    const fifth = await sendCode(prober, taken);
    expect(fifth.status).toBe(429);
    expect(messagesOf(fifth.text)).toEqual(['绑定校验失败次数过多，请30分钟后再试']);
    // Locked: no answer about any number, not even a free one.
    const free = await sendCode(prober, VICTIM_PHONE);
    expect(free.status).toBe(429);
    expect(smsTo(portal, VICTIM_PHONE)).toHaveLength(0);
    expect(auditTrail(portal).filter((e) => e === 'PHONE_CODE_SENT:error:PHONE_TAKEN')).toHaveLength(4);

    // Another candidate asking is not affected, and the prober goes on once the lock has passed.
    const other = await walkTo(portal, 'phone', { candidate: demo.li, phone: '13800000099' });
    expect((await sendCode(other, VICTIM_PHONE)).status).toBe(200);
    portal.clock.advance(30 * MINUTE);
    expect((await sendCode(prober, '13800007777')).status).toBe(200);
  });

  it('answers 操作过于频繁 while look-ups in flight (left by a crash) fill the limit, never 请0分钟后再试', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440' });
    const prober = await walkTo(portal, 'phone', { candidate: demo.zhang });
    const zhang = candidate(portal, demo.zhang.candidateNo);
    for (let i = 0; i < 5; i++) portal.store.attempts.reserve({ kind: 'contactTaken', subject: String(zhang.id), address: '', session: '' }, portal.clock.now());
    const answer = await sendCode(prober, VICTIM_PHONE);
    expect(answer.status).toBe(429);
    expect(messagesOf(answer.text)).toEqual(['操作过于频繁，请稍后再试']);
    expect(smsTo(portal, VICTIM_PHONE)).toHaveLength(0);
  });
});
