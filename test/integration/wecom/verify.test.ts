import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { latestCodeTo, TEST_API_TOKEN } from '../../support/portal.ts';
import { csrfAt, FOLLOW, post, signIn, VERIFY, verifyPhone, wecomServerForFile } from '../../support/wecom.ts';
import { demo, GOOD_PASSWORD } from '../../support/activation.ts';

describe('第三步 验证手机号码: /wecom/activate/verify', () => {
  const s = wecomServerForFile({ wipe: [] });

  const memberOf = (uid: string) => s.portal.db.prepare('SELECT * FROM wecom_members WHERE uid = ?').get(uid) as { phone: string | null; wechat_id: string | null; phone_verified_at: number | null } | undefined;

  it('sends a 6-digit SMS into the same outbox, readable with its code through GET /api/v1/messages', async () => {
    const browser = s.browser();
    await signIn(browser);
    const sent = await post(browser, `${VERIFY}/code`, { phone: '13900001001' }, VERIFY);
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('验证码已发送至139****1001，5分钟内有效');
    // The countdown: disabled 获取验证码 rendered by the server, counted down by the page's script.
    expect(sent.text).toMatch(/data-countdown="120"[^>]*disabled>120秒后重新获取</);
    expect(sent.text).toContain('value="13900001001"');
    const messages = await request(s.portal.app).get('/api/v1/messages?to=13900001001').set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    expect(messages.body[0].text).toMatch(/^【电子科技大学】您正在验证“电子科技大学”企业号的手机号码，验证码为\d{6}/);
    expect(messages.body[0].code).toMatch(/^\d{6}$/);
  });

  it('keeps the 120-second cooldown on the server and answers with the seconds left', async () => {
    const browser = s.browser();
    await signIn(browser);
    await post(browser, `${VERIFY}/code`, { phone: '13900001002' }, VERIFY);
    s.portal.clock.advance(30_000);
    const again = await post(browser, `${VERIFY}/code`, { phone: '13900001002' }, VERIFY);
    expect(again.status).toBe(429);
    expect(again.text).toContain('请90秒后再获取验证码');
    expect(s.portal.store.outbox.listTo('13900001002')).toHaveLength(1);
  });

  it('caps the codes per number at CODE_MAX_PER_HOUR, whatever the cooldown', async () => {
    const browser = s.browser();
    await signIn(browser);
    for (let i = 0; i < 5; i++) {
      expect((await post(browser, `${VERIFY}/code`, { phone: '13900001008' }, VERIFY)).status).toBe(200);
      s.portal.clock.advance(121_000);
    }
    const sixth = await post(browser, `${VERIFY}/code`, { phone: '13900001008' }, VERIFY);
    expect(sixth.status).toBe(429);
    expect(sixth.text).toContain('获取验证码过于频繁');
    expect(s.portal.store.outbox.listTo('13900001008')).toHaveLength(5);
  });

  it('refuses a wrong, malformed or missing code and a bad number, keeping what was typed and binding nothing', async () => {
    const browser = s.browser();
    await signIn(browser);
    const none = await post(browser, VERIFY, { phone: '1390000', code: '' }, VERIFY);
    expect(none.status).toBe(400);
    expect(none.text).toContain('请输入正确的手机号（11位中国大陆手机号）');
    expect(none.text).toContain('请输入验证码');
    expect(none.text).toContain('value="1390000"');
    const notSent = await post(browser, VERIFY, { phone: '13900001003', code: '123456' }, VERIFY);
    expect(notSent.text).toContain('请先获取验证码');
    await post(browser, `${VERIFY}/code`, { phone: '13900001003' }, VERIFY);
    const wrong = await post(browser, VERIFY, { phone: '13900001003', code: latestCodeTo(s.portal, '13900001003') === '000000' ? '111111' : '000000' }, VERIFY);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('验证码错误，请重新输入');
    expect(memberOf('106146510100009')?.phone_verified_at).toBeNull();
  });

  it('voids the code after the allowed wrong tries, and an expired one', async () => {
    const browser = s.browser();
    await signIn(browser);
    await post(browser, `${VERIFY}/code`, { phone: '13900001004' }, VERIFY);
    const right = latestCodeTo(s.portal, '13900001004');
    const wrongCode = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await post(browser, VERIFY, { phone: '13900001004', code: wrongCode }, VERIFY);
    const late = await post(browser, VERIFY, { phone: '13900001004', code: right }, VERIFY);
    expect(late.text).toContain('验证码错误次数过多');
    s.portal.clock.advance(121_000);
    await post(browser, `${VERIFY}/code`, { phone: '13900001004' }, VERIFY);
    s.portal.clock.advance(301_000);
    const expired = await post(browser, VERIFY, { phone: '13900001004', code: latestCodeTo(s.portal, '13900001004') }, VERIFY);
    expect(expired.text).toContain('验证码已过期，请重新获取');
  });

  it('activates the member with the proved number and this browser’s WeChat, then goes to 第四步', async () => {
    const browser = s.browser();
    await signIn(browser);
    const done = await verifyPhone(browser, s.portal, '13900001005');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(FOLLOW);
    expect(memberOf('106146510100009')).toMatchObject({ phone: '13900001005', wechat_id: expect.stringMatching(/^wx/) });
    expect((await browser.get(VERIFY)).headers.location).toMatch(new RegExp(`^${FOLLOW}`));
  });

  it('allows one phone one member: another member’s number is refused before any code is sent', async () => {
    const other = s.browser();
    const activated = await request(s.portal.app).post(`/api/v1/candidates/${demo.zhou.candidateNo}/activate`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)
      .send({ password: GOOD_PASSWORD, phone: '13700001006', email: 'zhoujie@example.com' });
    expect(activated.status).toBe(200);
    await signIn(other, { uid: demo.zhou.candidateNo, password: GOOD_PASSWORD });
    const taken = await post(other, `${VERIFY}/code`, { phone: '13900001005' }, VERIFY);
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('该手机号已绑定企业号的其他成员，请填写您本人微信绑定的手机号');
    expect(s.portal.store.outbox.listTo('13900001005').filter((m) => m.created_at > s.portal.clock.now() - 1000)).toHaveLength(0);
    const crafted = await post(other, VERIFY, { phone: '13900001005', code: '123456' }, VERIFY);
    expect(crafted.text).toContain('该手机号已绑定企业号的其他成员');
    expect(memberOf(demo.zhou.candidateNo)?.phone).toBeNull();
  });

  it('refuses a post without the CSRF token of the app’s session', async () => {
    const browser = s.browser();
    await signIn(browser);
    const res = await browser.post(VERIFY).type('form').send({ phone: '13900001007', code: '123456' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('页面已过期，请刷新页面后重新提交');
    // A token of the portal's own session does not count here either.
    const portalToken = await csrfAt(browser, '/retrieve-password/accountActivation');
    const cross = await browser.post(VERIFY).type('form').send({ phone: '13900001007', code: '123456', _csrf: portalToken });
    expect(cross.status).toBe(403);
  });
});
