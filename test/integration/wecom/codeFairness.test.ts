// The WeCom app's codes under the portal's rules: nobody can block another member's codes to a number — the
// cooldown is the member's own, the caps are per member and number under a per-number cap.
import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { TEST_API_TOKEN, type Agent } from '../../support/portal.ts';
import { demo, GOOD_PASSWORD } from '../../support/activation.ts';
import { post, signIn, VERIFY, wecomServer, type WecomServer } from '../../support/wecom.ts';

const VICTIM_PHONE = '13900002001';
const MINUTE = 60_000;

describe('WeCom codes a member cannot use up for someone else', () => {
  let s: WecomServer | undefined;
  afterEach(() => s?.close());

  const sendCode = (browser: Agent) => post(browser, `${VERIFY}/code`, { phone: VICTIM_PHONE }, VERIFY);
  const smsToVictim = () => s!.portal.store.outbox.listTo(VICTIM_PHONE).length;

  /** 赵磊 (activated in the demo roster) and 周杰 (activated through the API), each signed in to 第三步 in their own browser. */
  async function twoMembers(env: Record<string, string> = {}) {
    s = await wecomServer(env);
    const activated = await request(s.portal.app).post(`/api/v1/candidates/${demo.zhou.candidateNo}/activate`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)
      .send({ password: GOOD_PASSWORD, phone: '13700002002', email: 'zhoujie@example.com' });
    expect(activated.status).toBe(200);
    const intruder = s.browser();
    await signIn(intruder);
    const owner = s.browser();
    await signIn(owner, { uid: demo.zhou.candidateNo, password: GOOD_PASSWORD });
    return { intruder, owner };
  }

  it('another member’s code to the number never holds up the owner’s: the cooldown is the member’s own', async () => {
    const { intruder, owner } = await twoMembers();
    expect((await sendCode(intruder)).status).toBe(200);
    const own = await sendCode(owner);
    expect(own.status).toBe(200);
    expect(own.text).toContain('验证码已发送至139****2001，5分钟内有效');
    expect(smsToVictim()).toBe(2);
    // The intruder still waits out its own cooldown.
    expect((await sendCode(intruder)).status).toBe(429);
  });

  it('one member spending the daily cap on a number leaves the owner free, under CODE_MAX_PER_DAY_PER_NUMBER for all', async () => {
    const { intruder, owner } = await twoMembers({ CODE_MAX_PER_DAY: '2', CODE_MAX_PER_DAY_PER_NUMBER: '3' });
    for (let i = 0; i < 2; i++) {
      expect((await sendCode(intruder)).status).toBe(200);
      s!.portal.clock.advance(2 * MINUTE);
    }
    const third = await sendCode(intruder);
    expect(third.status).toBe(429);
    expect(third.text).toContain('今日获取验证码次数已达上限，请明天再试');

    expect((await sendCode(owner)).status).toBe(200);
    s!.portal.clock.advance(2 * MINUTE);
    // Three codes to the number today, from everyone together: the number's own cap.
    const capped = await sendCode(owner);
    expect(capped.status).toBe(429);
    expect(capped.text).toContain('今日获取验证码次数已达上限，请明天再试');
    expect(smsToVictim()).toBe(3);
  });
});
