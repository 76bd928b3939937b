// "该手机号已绑定企业号的其他成员" tells whether a number belongs to some member: like the portal's activation, the
// WeCom app counts those answers per member and, after CONTACT_TAKEN_MAX_ANSWERS, locks the member's look-ups.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { demo, GOOD_PASSWORD } from '../../support/activation.ts';
import { latestCodeTo, TEST_API_TOKEN, type Agent } from '../../support/portal.ts';
import { FOLLOW, post, signIn, textOfPage, VERIFY, verifyPhone, wecomServer, ZHAO, type WecomServer } from '../../support/wecom.ts';
import { ADMIN_PASSWORD, addStaff, signInAgent } from '../console/consoleSupport.ts';

const MINUTE = 60_000;
const TAKEN = '该手机号已绑定企业号的其他成员，请填写您本人微信绑定的手机号';
const LOCKED = (minutes: number) => `绑定校验失败次数过多，请${minutes}分钟后再试`;
const ZHAO_PHONE = '13900007001';
const ZHOU_PHONE = '13900007002';
const FREE = '13900007099';
const ZHOU = { uid: demo.zhou.candidateNo, password: GOOD_PASSWORD };

let s: WecomServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A listening portal with console staff; 赵磊 holds ZHAO_PHONE in WeCom; 周杰 (activated in the portal) is signed in at 第三步. */
async function zhouAtVerify() {
  s = await wecomServer({ CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD });
  await addStaff(s.portal);
  const zhao = s.browser();
  await signIn(zhao);
  expect((await verifyPhone(zhao, s.portal, ZHAO_PHONE)).status).toBe(303);
  const activated = await request(s.portal.app).post(`/api/v1/candidates/${ZHOU.uid}/activate`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)
    .send({ password: GOOD_PASSWORD, phone: '13700007002', email: 'zhoujie@example.com' });
  expect(activated.status).toBe(200);
  const zhou = s.browser();
  await signIn(zhou, ZHOU);
  return { server: s, zhao, zhou, max: s.portal.config.limits.contactTakenMaxAnswers };
}

const messageOf = (html: string) => textOfPage(html);
const sendCode = (agent: Agent, phone: string) => post(agent, `${VERIFY}/code`, { phone }, VERIFY);
const events = async (server: WecomServer, uid: string) =>
  (await request(server.portal.app).get(`/api/v1/wecom/members/${uid}/events`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)).body as
    { event: string; label: string; outcome: string; code: string | null; shown: string | null }[];
const smsTo = (server: WecomServer, phone: string) => server.portal.store.outbox.listTo(phone).length;

describe('第三步: "taken" answers are counted per member', () => {
  it('answers "taken" CONTACT_TAKEN_MAX_ANSWERS − 1 times, then locks every look-up (code and submit) for IDENTITY_LOCK_MINUTES', async () => {
    const { server, zhao, zhou, max } = await zhouAtVerify();
    for (let i = 0; i < max - 1; i++) {
      const taken = await sendCode(zhou, ZHAO_PHONE);
      expect(taken.status).toBe(400);
      expect(messageOf(taken.text)).toContain(TAKEN);
    }
    const last = await sendCode(zhou, ZHAO_PHONE);
    expect(last.status).toBe(429);
    expect(messageOf(last.text)).toContain(LOCKED(30));
    expect(messageOf(last.text)).not.toContain(TAKEN);
    // Locked: no answer about any number, not even a free one, on either button.
    const free = await sendCode(zhou, FREE);
    expect(free.status).toBe(429);
    expect(messageOf(free.text)).toContain(LOCKED(30));
    expect(free.text).toContain(`value="${FREE}"`);
    const submitted = await post(zhou, VERIFY, { phone: ZHAO_PHONE, code: '123456' }, VERIFY);
    expect(submitted.status).toBe(429);
    expect(messageOf(submitted.text)).toContain(LOCKED(30));
    expect(smsTo(server, FREE)).toBe(0);
    // The lock is 周杰's: 赵磊, back at 第三步 (情况一), still gets answers.
    await post(zhao, `${FOLLOW}/verify-again`, {}, FOLLOW);
    server.portal.clock.advance(121_000);
    expect((await sendCode(zhao, '13900007098')).status).toBe(200);

    server.portal.clock.advance(29 * MINUTE - 121_000);
    expect(messageOf((await sendCode(zhou, FREE)).text)).toContain(LOCKED(1));
    server.portal.clock.advance(MINUTE);
    const after = await sendCode(zhou, FREE);
    expect(after.status).toBe(200);
    expect(messageOf(after.text)).toContain('验证码已发送至139****7099');
    expect((await post(zhou, VERIFY, { phone: FREE, code: latestCodeTo(server.portal, FREE) }, VERIFY)).status).toBe(303);
    expect(server.portal.db.prepare('SELECT phone FROM wecom_members WHERE uid = ?').pluck().get(ZHOU.uid)).toBe(FREE);
  });

  it('shows the lock in the help desk’s timeline in Chinese, once, after the "taken" answers; housekeeping drops them later', async () => {
    const { server, zhou, max } = await zhouAtVerify();
    for (let i = 0; i < max + 2; i++) await sendCode(zhou, ZHAO_PHONE);
    const timeline = await events(server, ZHOU.uid);
    expect(timeline.filter((e) => e.code === 'WECOM_PHONE_TAKEN')).toHaveLength(max - 1);
    expect(timeline.filter((e) => e.event === 'WECOM_TAKEN_LOCKED')).toEqual([
      expect.objectContaining({ label: '企业微信：手机号绑定校验被锁定', outcome: 'error', shown: LOCKED(30) }),
    ]);
    // Housekeeping keeps the answers while they count or lock, then drops them.
    expect(server.portal.wecom.pruneExpired(server.portal.clock.now())).toMatchObject({ wecom_taken_answers: 0 });
    const later = server.portal.clock.now() + 3 * 24 * 60 * MINUTE;
    expect(server.portal.wecom.pruneExpired(later)).toMatchObject({ wecom_taken_answers: max });
    const agent = await signInAgent(server.portal);
    const page = textOfPage((await agent.get(`/console/candidates/${ZHOU.uid}`)).text);
    expect(page).toContain('企业微信：手机号绑定校验被锁定');
    expect(page).toContain(LOCKED(30));
  });

  it('leaves own numbers alone: before the limit the member binds one, a holder asking for his own number gets no "taken" answer, neither counts', async () => {
    const { server, zhao, zhou, max } = await zhouAtVerify();
    for (let i = 0; i < max - 1; i++) {
      expect(messageOf((await post(zhou, VERIFY, { phone: ZHAO_PHONE, code: '123456' }, VERIFY)).text)).toContain(TAKEN);
    }
    // 赵磊, back at 第三步 (情况一), looking up his own number gets no "taken" answer and no lock.
    await post(zhao, `${FOLLOW}/verify-again`, {}, FOLLOW);
    for (let i = 0; i < max; i++) expect(messageOf((await post(zhao, VERIFY, { phone: ZHAO_PHONE, code: '123456' }, VERIFY)).text)).toContain('请先获取验证码');
    expect((await sendCode(zhou, ZHOU_PHONE)).status).toBe(200);
    const bound = await post(zhou, VERIFY, { phone: ZHOU_PHONE, code: latestCodeTo(server.portal, ZHOU_PHONE) }, VERIFY);
    expect(bound.status).toBe(303);
    expect(server.portal.db.prepare('SELECT COUNT(*) FROM wecom_taken_answers WHERE uid = ?').pluck().get(ZHAO.uid)).toBe(0);
    // Neither his own number nor binding it counted or cleared anything: the next "taken" answer is the limit's.
    await post(zhou, `${FOLLOW}/verify-again`, {}, FOLLOW);
    const limit = await post(zhou, VERIFY, { phone: ZHAO_PHONE, code: '123456' }, VERIFY);
    expect(limit.status).toBe(429);
    expect(messageOf(limit.text)).toContain(LOCKED(30));
  });
});

describe('the 企业微信 APP’s 更换手机号 counts the same answers', () => {
  it('locks 赵磊’s look-ups after the limit, and lets him go on after the lock time', async () => {
    const { server, zhao, zhou, max } = await zhouAtVerify();
    expect((await sendCode(zhou, ZHOU_PHONE)).status).toBe(200);
    await post(zhou, VERIFY, { phone: ZHOU_PHONE, code: latestCodeTo(server.portal, ZHOU_PHONE) }, VERIFY);
    // Past the resend cooldown of the code that verified 赵磊's number, then the APP's SMS sign-in.
    server.portal.clock.advance(121_000);
    await post(zhao, '/wecom/app/code', { phone: ZHAO_PHONE }, '/wecom/app');
    expect((await post(zhao, '/wecom/app', { phone: ZHAO_PHONE, code: latestCodeTo(server.portal, ZHAO_PHONE) }, '/wecom/app')).status).toBe(303);

    const change = (phone: string) => post(zhao, '/wecom/app/phone/code', { phone }, '/wecom/app/phone');
    for (let i = 0; i < max - 1; i++) {
      const taken = await change(ZHOU_PHONE);
      expect(taken.status).toBe(400);
      expect(messageOf(taken.text)).toContain(TAKEN);
    }
    const last = await change(ZHOU_PHONE);
    expect(last.status).toBe(429);
    expect(messageOf(last.text)).toContain(LOCKED(30));
    const free = await change(FREE);
    expect(free.status).toBe(429);
    expect(messageOf(free.text)).toContain(LOCKED(30));
    expect(smsTo(server, FREE)).toBe(0);
    expect((await events(server, ZHAO.uid)).filter((e) => e.event === 'WECOM_TAKEN_LOCKED')).toHaveLength(1);

    server.portal.clock.advance(30 * MINUTE);
    const after = await change(FREE);
    expect(after.status).toBe(200);
    expect(messageOf(after.text)).toContain('验证码已发送至139****7099');
  });
});
