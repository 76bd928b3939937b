import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { latestCodeTo, TEST_API_TOKEN } from '../../support/portal.ts';
import { demo, GOOD_PASSWORD } from '../../support/activation.ts';
import { activateAndFollow, csrfAt, post, signIn, verifyPhone, wecomServerForFile, ZHAO } from '../../support/wecom.ts';

describe('the guide’s FAQ as situations to rehearse', () => {
  const s = wecomServerForFile({ wipe: ['wecom_members', 'wecom_faults'] });
  const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };
  const api = () => request(s.portal.app);
  const member = (uid: string = ZHAO.uid) => s.portal.db.prepare('SELECT * FROM wecom_members WHERE uid = ?').get(uid) as Record<string, unknown>;

  it('1+2. followed but no 身份验证 message (fault): 不再关注 by the FAQ’s path, follow again, and it arrives', async () => {
    await api().put(`/api/v1/wecom/members/${ZHAO.uid}/faults/auth_notice_lost`).set(auth);
    const browser = s.browser();
    await activateAndFollow(browser, s.portal);
    const chat = await browser.get('/wecom/inbox/corp');
    expect(chat.text).toContain('欢迎关注');
    expect(chat.text).not.toContain('auth-notice');
    // 微信→通讯录→电子科技大学→右上角+号→设置→右上角三个点→不再关注→不再关注
    expect((await browser.get('/wecom/contacts')).text).toContain('href="/wecom/workbench"');
    expect((await browser.get('/wecom/workbench')).text).toContain('href="/wecom/workbench/settings" aria-label="更多操作"');
    expect((await browser.get('/wecom/workbench/settings')).text).toContain('href="/wecom/workbench/settings?menu=1"');
    expect((await browser.get('/wecom/workbench/settings?menu=1')).text).toMatch(/id="unfollow-entry" href="\/wecom\/workbench\/settings\?confirm=1">不再关注/);
    const confirm = await browser.get('/wecom/workbench/settings?confirm=1');
    expect(confirm.text).toContain('不再关注后，将不再收到“电子科技大学”企业号的消息。');
    const unfollowed = await post(browser, '/wecom/workbench/unfollow', {}, '/wecom/workbench/settings?confirm=1');
    expect(unfollowed.headers.location).toBe('/wecom/inbox');
    expect(member().followed_at).toBeNull();
    expect((await browser.get('/wecom/inbox')).text).not.toContain('corp-chat');
    // 重新扫码关注: the follow QR code opens the 企业号's card.
    const card = await browser.get('/wecom/follow');
    expect(card.text).toContain('id="follow"');
    await post(browser, '/wecom/follow', {}, '/wecom/follow');
    expect((await browser.get('/wecom/inbox/corp')).text).toContain('id="auth-notice"');
    const events = (await api().get(`/api/v1/wecom/members/${ZHAO.uid}/events`).set(auth)).body as { event: string; outcome: string; shown: string | null }[];
    expect(events.filter((e) => e.event === 'WECOM_AUTH_NOTICE').map((e) => e.outcome)).toEqual(['error', 'ok']);
    expect(events.map((e) => e.event)).toContain('WECOM_UNFOLLOWED');
  });

  it('3. 情况二: in the 企业微信 APP, signed in by SMS, the number is changed with a code sent to the new one', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal, '13900004001');
    const app = await browser.get('/wecom/app');
    expect(app.text).toContain('手机号登录');
    // Past the number's resend cooldown of the code that verified it.
    s.portal.clock.advance(121_000);
    await post(browser, '/wecom/app/code', { phone: '13900004001' }, '/wecom/app');
    const signedIn = await post(browser, '/wecom/app', { phone: '13900004001', code: latestCodeTo(s.portal, '13900004001') }, '/wecom/app');
    expect(signedIn.headers.location).toBe('/wecom/app');
    expect(member().app_login_at).not.toBeNull();
    expect((await browser.get('/wecom/app/account')).text).toContain('139****4001');
    const same = await post(browser, '/wecom/app/phone/code', { phone: '13900004001' }, '/wecom/app/phone');
    expect(same.text).toContain('新手机号与当前绑定的手机号相同');
    await post(browser, '/wecom/app/phone/code', { phone: '13900004002' }, '/wecom/app/phone');
    const wrong = await post(browser, '/wecom/app/phone', { phone: '13900004002', code: latestCodeTo(s.portal, '13900004002') === '000000' ? '111111' : '000000' }, '/wecom/app/phone');
    expect(wrong.text).toContain('验证码错误，请重新输入');
    expect(wrong.text).toContain('value="13900004002"');
    const changed = await post(browser, '/wecom/app/phone', { phone: '13900004002', code: latestCodeTo(s.portal, '13900004002') }, '/wecom/app/phone');
    expect(changed.headers.location).toBe('/wecom/app/account?changed=phone');
    expect((await browser.get(changed.headers.location as string)).text).toContain('企业微信绑定的手机号已更换为139****4002');
    expect(member().phone).toBe('13900004002');
  });

  it('3. the APP refuses a number no member has, and pages inside it need the sign-in', async () => {
    const browser = s.browser();
    const unknown = await post(browser, '/wecom/app/code', { phone: '13900004099' }, '/wecom/app');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('该手机号未绑定企业微信账号，请先激活');
    expect((await browser.get('/wecom/app/phone')).headers.location).toBe('/wecom/app');
  });

  it('3. 情况三: the old number is unusable — only the help desk changes it, with a reason, in the timeline', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal, '13900004003');
    const noReason = await api().post(`/api/v1/wecom/members/${ZHAO.uid}/phone`).set(auth).send({ phone: '13900004004' });
    expect(noReason.status).toBe(400);
    const bad = await api().post(`/api/v1/wecom/members/${ZHAO.uid}/phone`).set(auth).send({ phone: '123', reason: '原手机号停机' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.phone.code).toBe('PHONE_FORMAT');
    const done = await api().post(`/api/v1/wecom/members/${ZHAO.uid}/phone`).set(auth).send({ phone: '13900004004', reason: '原手机号停机，本人持证件来电' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ phone: '13900004004', status: 'followed' });
    const events = (await api().get(`/api/v1/wecom/members/${ZHAO.uid}/events`).set(auth)).body as { event: string; actor: string; reason: string; shown: string }[];
    expect(events.at(-1)).toMatchObject({ event: 'WECOM_PHONE_CHANGED', actor: 'api', reason: '原手机号停机，本人持证件来电', shown: '企业微信绑定的手机号已更换为139****4004' });
    const unknown = await api().post('/api/v1/wecom/members/106146510100012/phone').set(auth).send({ phone: '13900004005', reason: 'x' });
    expect(unknown.status).toBe(404);
  });

  it('4. 更换微信: in a second browser (another WeChat) the APP moves the member to that WeChat', async () => {
    const first = s.browser();
    await activateAndFollow(first, s.portal, '13900004006');
    const second = s.browser();
    s.portal.clock.advance(121_000);
    await post(second, '/wecom/app/code', { phone: '13900004006' }, '/wecom/app');
    await post(second, '/wecom/app', { phone: '13900004006', code: latestCodeTo(s.portal, '13900004006') }, '/wecom/app');
    expect((await second.get('/wecom/app/account')).text).toContain('已绑定其他微信');
    const rebound = await post(second, '/wecom/app/wechat', {}, '/wecom/app/wechat');
    expect(rebound.headers.location).toBe('/wecom/app/account?changed=wechat');
    expect((await second.get('/wecom/inbox')).text).toContain('corp-chat');
    expect((await first.get('/wecom/inbox')).text).not.toContain('corp-chat');
    expect((await second.get('/wecom/app/wechat')).text).toContain('企业微信账号已绑定当前微信，无需更换。');
  });

  it('5. a current student or staff member who activated before is told to simply use the app', async () => {
    const no = demo.zhou.candidateNo;
    await api().post(`/api/v1/candidates/${no}/activate`).set(auth).send({ password: GOOD_PASSWORD, phone: '13700004007', email: 'zhou@example.com' });
    const browser = s.browser();
    await signIn(browser, { uid: no, password: GOOD_PASSWORD });
    await verifyPhone(browser, s.portal, '13900004007');
    await api().patch(`/api/v1/candidates/${no}`).set(auth).send({ accountType: 'student' });
    const again = await signIn(s.browser(), { uid: no, password: GOOD_PASSWORD });
    expect(again.headers.location).toBe('/wecom/');
    const page = await browser.get('/wecom/');
    expect(page.text).toContain('您是本校在职在校师生，曾经激活并使用过企业微信账号，无需再次激活，可直接下载企业微信 APP 使用。');
    expect(member(no).needs_second_auth).toBe(1);
  });

  it('refuses a CSRF-less unfollow and a follow by a WeChat bound to nobody', async () => {
    const browser = s.browser();
    await activateAndFollow(browser, s.portal, '13900004008');
    expect((await browser.post('/wecom/workbench/unfollow').type('form').send({})).status).toBe(403);
    expect(member().followed_at).not.toBeNull();
    const stranger = s.browser();
    expect((await stranger.get('/wecom/follow')).text).toContain('请先完成企业号激活');
    const refused = await stranger.post('/wecom/follow').type('form').send({ _csrf: await csrfAt(stranger, '/wecom/app') });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('请先完成激活（验证手机号码）');
  });
});
