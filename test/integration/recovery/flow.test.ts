import { describe, expect, it } from 'vitest';
import argon2 from 'argon2';
import request from 'supertest';
import { csrfFrom, latestCodeTo, makePortal, messagesOf, solvedCaptchaOf, type Agent, type TestPortal } from '../../support/portal.ts';
import { logIn, svc, WECOM, ZHAO } from '../cas/helpers.ts';
import { lockFor } from '../../support/limits.ts';

const R = '/retrieve-password/passwordRetrieve';
const PHONE = '13800138009';
const EMAIL = 'zhaolei@example.com';
const NEW_PASSWORD = 'Qingshui#River88';

/** Posts as the page would, its graphic captcha (every code needs one) solved as a trainer's tool reads it. */
async function post(agent: Agent, path: string, form: Record<string, string>, csrfPath = path) {
  const page = await agent.get(csrfPath);
  return agent.post(path).type('form').send({ ...await solvedCaptchaOf(agent, page.text), ...form, _csrf: csrfFrom(page.text) });
}

/** 确认账号 with the captcha read as a trainer's tool would. */
async function submitAccount(portal: TestPortal, agent: Agent, username: string = ZHAO.username, captcha?: string) {
  const page = await agent.get(R);
  const captchaId = /name="captchaId" value="([^"]+)"/.exec(page.text)![1]!;
  await agent.get(`/retrieve-password/generateCaptcha?ltId=${captchaId}`);
  const answer = captcha ?? portal.store.captchas.peek(captchaId)!;
  return agent.post(R).type('form').send({ username, captcha: answer, captchaId, _csrf: csrfFrom(page.text) });
}

async function verifyByPhone(portal: TestPortal, agent: Agent) {
  await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: PHONE }, `${R}/verify`);
  return post(agent, `${R}/verify`, { method: 'cellphone', contact: PHONE, code: latestCodeTo(portal, PHONE) });
}

describe('忘记密码', () => {
  it('offers only the email once staff unbound the phone, and refuses the old number', async () => {
    const portal = makePortal();
    const zhao = portal.store.candidates.findByCandidateNo(ZHAO.username)!;
    expect(portal.store.roster.unbind(zhao.id, 'phone', portal.clock.now())).toBe(true);
    const agent = request.agent(portal.app);
    expect((await submitAccount(portal, agent)).status).toBe(303);
    const verifyPage = await agent.get(`${R}/verify`);
    expect(verifyPage.text).toContain('绑定邮箱 zha***@example.com');
    expect(verifyPage.text).not.toContain('绑定手机');
    const byOldPhone = await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: PHONE }, `${R}/verify`);
    expect(messagesOf(byOldPhone.text)).toEqual(['输入的手机号与账号绑定的手机号不一致']);
    expect(portal.store.outbox.listTo(PHONE)).toHaveLength(0);
    const byEmail = await post(agent, `${R}/verify/code`, { method: 'email', contact: EMAIL }, `${R}/verify`);
    expect(messagesOf(byEmail.text)[0]).toContain('验证码已发送至zha***@example.com');
  });

  it('resets the password by phone, ends every SSO session and lifts a login lock', async () => {
    const portal = makePortal();
    const browser = request.agent(portal.app);
    await logIn(browser, { query: `?service=${svc(WECOM)}` });
    const zhao = portal.store.candidates.findByCandidateNo(ZHAO.username)!;
    expect(portal.store.ssoSessions.openForCandidate(zhao.id, portal.clock.now())).toHaveLength(1);
    portal.db.prepare('UPDATE candidates SET must_reset_password = 1 WHERE id = ?').run(zhao.id);
    lockFor(portal, 'login', ZHAO.username, portal.clock.now() + 60_000);

    const agent = request.agent(portal.app);
    const account = await submitAccount(portal, agent);
    expect(account.status).toBe(303);
    expect(account.headers.location).toBe(`${R}/verify`);
    const verifyPage = await agent.get(`${R}/verify`);
    expect(verifyPage.text).toContain('绑定手机 138****8009');
    expect(verifyPage.text).toContain('绑定邮箱 zha***@example.com');
    expect(verifyPage.text).not.toContain(PHONE);

    const mismatch = await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: '13800138000' }, `${R}/verify`);
    expect(messagesOf(mismatch.text)).toEqual(['输入的手机号与账号绑定的手机号不一致']);
    expect(portal.store.outbox.listTo('13800138000')).toHaveLength(0);
    const sent = await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: '+86 138 0013 8009' }, `${R}/verify`);
    expect(messagesOf(sent.text)).toEqual(['验证码已发送至138****8009，5分钟内有效']);
    const wrongCode = await post(agent, `${R}/verify`, { method: 'cellphone', contact: PHONE, code: '000000' });
    expect(messagesOf(wrongCode.text)).toContain('验证码错误，请重新输入');
    const verified = await post(agent, `${R}/verify`, { method: 'cellphone', contact: PHONE, code: latestCodeTo(portal, PHONE) });
    expect(verified.headers.location).toBe(`${R}/password`);

    const passwordPage = await agent.get(`${R}/password`);
    expect(passwordPage.text).toContain('请为账号 106146510100009（赵磊）设置新密码');
    expect(passwordPage.text).toContain('data-rule="PWD_NO_NAME_PINYIN"');
    const weak = await post(agent, `${R}/password`, { password: 'zhaolei123', confirmPassword: 'zhaolei123' });
    expect(messagesOf(weak.text)).toContain('密码不符合以下要求：');
    const same = await post(agent, `${R}/password`, { password: ZHAO.password, confirmPassword: ZHAO.password });
    expect(messagesOf(same.text)).toEqual(['新密码不能与原密码相同']);
    const done = await post(agent, `${R}/password`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.headers.location).toBe(`${R}/done`);
    expect((await agent.get(`${R}/done`)).text).toContain('账号 106146510100009 的密码已重置，请使用新密码登录。');

    const after = portal.store.candidates.findById(zhao.id)!;
    expect(await argon2.verify(after.password_hash!, NEW_PASSWORD)).toBe(true);
    expect(after.must_reset_password).toBe(0);
    expect(portal.store.ssoSessions.openForCandidate(zhao.id, portal.clock.now())).toHaveLength(0);
    expect(portal.store.attempts.lockedUntil('login', ZHAO.username, '', portal.clock.now())).toBeUndefined();
    const events = portal.store.audit.forCandidate(zhao.id, ZHAO.username).map((e) => `${e.event}:${e.outcome}`);
    expect(events).toEqual(expect.arrayContaining(['RECOVERY_ACCOUNT:ok', 'RECOVERY_CODE_SENT:error', 'RECOVERY_CODE_SENT:ok', 'RECOVERY_VERIFY:error', 'RECOVERY_VERIFY:ok', 'PASSWORD_RESET:error', 'PASSWORD_RESET:ok']));

    // The old browser's single sign-on is gone; the new password works.
    expect((await browser.get(`/authserver/login?service=${svc(WECOM)}`)).status).toBe(200);
    expect((await logIn(request.agent(portal.app), { password: NEW_PASSWORD, query: `?service=${svc(WECOM)}` })).status).toBe(302);
  });

  it('works by email too, with the code in the same outbox', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await submitAccount(portal, agent);
    const sent = await post(agent, `${R}/verify/code`, { method: 'email', contact: 'ZhaoLei@Example.com' }, `${R}/verify`);
    expect(messagesOf(sent.text)).toEqual(['验证码已发送至zha***@example.com，请查收邮件']);
    expect(portal.store.outbox.listTo(EMAIL)[0]!.text).toContain('找回统一身份认证账号密码');
    const ok = await post(agent, `${R}/verify`, { method: 'email', contact: EMAIL, code: latestCodeTo(portal, EMAIL) });
    expect(ok.headers.location).toBe(`${R}/password`);
  });

  it('answers unknown and not yet activated accounts alike, and a wrong captcha with the app\'s 验证码不正确', async () => {
    const portal = makePortal();
    const unknown = await submitAccount(portal, request.agent(portal.app), '106146510199999');
    const pending = await submitAccount(portal, request.agent(portal.app), '106146510100001');
    expect(messagesOf(unknown.text)).toEqual(['该账号不存在或尚未激活，请核对后重新输入']);
    expect(messagesOf(pending.text)).toEqual(messagesOf(unknown.text));
    expect(unknown.status).toBe(pending.status);
    const badCaptcha = await submitAccount(portal, request.agent(portal.app), ZHAO.username, 'zzzz');
    expect(messagesOf(badCaptcha.text)).toEqual(['验证码不正确']);
  });

  it('asks for a fresh graphic captcha before every code, checked before the re-typed contact', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await submitAccount(portal, agent);
    const page = await agent.get(`${R}/verify`);
    expect(page.text).toMatch(/<label for="captcha">图形验证码<\/label>/);
    const send = (captcha: string) => agent.post(`${R}/verify/code`).type('form')
      .send({ method: 'cellphone', contact: PHONE, captcha, captchaId: /name="captchaId" value="([^"]+)"/.exec(page.text)![1]!, _csrf: csrfFrom(page.text) });
    expect(messagesOf((await send('')).text)).toEqual(['请输入图形验证码']);
    expect(messagesOf((await send('zzzz')).text)).toEqual(['验证码不正确']);
    expect(portal.store.outbox.listTo(PHONE)).toHaveLength(0);
    // A wrong picture is not a wrong contact: nothing counts towards the account's lock.
    expect(portal.db.prepare("SELECT COUNT(*) FROM attempts WHERE kind = 'recoveryContact'").pluck().get()).toBe(0);
    const sent = await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: PHONE }, `${R}/verify`);
    expect(messagesOf(sent.text)).toEqual(['验证码已发送至138****8009，5分钟内有效']);
    // The page after the code comes with a new picture for the next one.
    expect(/name="captchaId" value="([^"]+)"/.exec(sent.text)![1]).not.toBe(/name="captchaId" value="([^"]+)"/.exec(page.text)![1]);
  });

  it('locks the account after 5 wrong re-typed contacts', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await submitAccount(portal, agent);
    for (let i = 0; i < 4; i++) await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: `1380013800${i}` }, `${R}/verify`);
    const locked = await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: PHONE.replace(/9$/, '8') }, `${R}/verify`);
    expect(locked.status).toBe(429);
    expect(messagesOf(locked.text)).toEqual(['该账号验证失败次数过多，已被锁定，请30分钟后再试']);
    const right = await post(agent, `${R}/verify/code`, { method: 'cellphone', contact: PHONE }, `${R}/verify`);
    expect(right.status).toBe(429);
    expect(portal.store.outbox.listTo(PHONE)).toHaveLength(0);
  });

  it('keeps the order: later steps redirect to the first open one', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    expect((await agent.get(`${R}/password`)).headers.location).toBe(R);
    await submitAccount(portal, agent);
    expect((await agent.get(`${R}/password`)).headers.location).toBe(`${R}/verify`);
    await verifyByPhone(portal, agent);
    expect((await agent.get(`${R}/done`)).headers.location).toBe(`${R}/password`);
  });

  it('needs no captcha when the API switched captchas off', async () => {
    const portal = makePortal({ CAPTCHA_ENABLED: 'false' });
    const agent = request.agent(portal.app);
    const page = await agent.get(R);
    expect(page.text).not.toContain('captchaId');
    const res = await agent.post(R).type('form').send({ username: ZHAO.username, _csrf: csrfFrom(page.text) });
    expect(res.headers.location).toBe(`${R}/verify`);
  });
});

describe('忘记密码 limits', () => {
  it('never refuses a right look-up from a busy address: every look-up carries the captcha already', async () => {
    const portal = makePortal({ IDENTITY_MAX_FAILURES_PER_IP: '2' });
    for (let i = 0; i < 5; i++) await submitAccount(portal, request.agent(portal.app), `10614651019999${i}`);
    const right = await submitAccount(portal, request.agent(portal.app));
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe(`${R}/verify`);
  });

  it('stops a session after IDENTITY_MAX_FAILURES_PER_SESSION failed look-ups, though each one starts the wizard afresh', async () => {
    const portal = makePortal({ IDENTITY_MAX_FAILURES_PER_SESSION: '3' });
    const agent = request.agent(portal.app);
    for (let i = 0; i < 3; i++) {
      const res = await submitAccount(portal, agent, `10614651019999${i}`);
      expect(messagesOf(res.text)).toEqual(['该账号不存在或尚未激活，请核对后重新输入']);
    }
    const limited = await submitAccount(portal, agent);
    expect(limited.status).toBe(429);
    expect(messagesOf(limited.text)).toEqual(['校验失败次数过多，请关闭浏览器后稍后再试']);
    expect((await agent.get(`${R}/verify`)).headers.location).toBe(R);
    // Another browser is not held up: the limit is the session's.
    expect((await submitAccount(portal, request.agent(portal.app))).status).toBe(303);
  });

  it('starts over when the attempt is older than RECOVERY_SESSION_MINUTES', async () => {
    const portal = makePortal({ RECOVERY_SESSION_MINUTES: '10' });
    const agent = request.agent(portal.app);
    await submitAccount(portal, agent);
    portal.clock.advance(11 * 60_000);
    const res = await agent.get(`${R}/verify`);
    expect(messagesOf(res.text)).toEqual(['找回密码操作已超过10分钟，为保证安全请重新开始']);
  });
});
