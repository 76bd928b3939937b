import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { demoActivated } from '../../../src/data/demoRoster.ts';
import { latestCodeTo, makePortal, messagesOf, TEST_API_TOKEN, type Agent, type TestPortal } from '../../support/portal.ts';
import { encryptLikeWisedu, solveCaptcha, svc, ticketIn, WECOM } from './helpers.ts';
import { lockFor } from '../../support/limits.ts';

const PHONE = demoActivated.phone;
const SEND = '/authserver/dynamicCode/getDynamicCode.htl';
const DEFAULT_SALT = 'rjBFAaHsNkKAhpoi';

const smsTo = (portal: TestPortal, phone: string) => portal.store.outbox.listTo(phone).filter((m) => m.channel === 'sms');
const auditOf = (portal: TestPortal, event: string) =>
  portal.db.prepare('SELECT outcome, code, candidate_no AS candidateNo FROM audit WHERE event = ? ORDER BY id').all(event);

/** The real page's script: a fresh captcha for the 短信登录 form, then getDynamicCode.htl answering JSON. */
async function askCode(agent: Agent, portal: TestPortal, mobile: string, options: { captcha?: string; encrypt?: boolean } = {}) {
  const page = await agent.get('/authserver/login?type=dynamicLogin');
  const captchaId = /id="telCaptchaId" name="captchaId" value="([^"]+)"/.exec(page.text)![1]!;
  const captcha = options.captcha ?? await solveCaptcha(agent, portal, captchaId);
  const res = await agent.post(SEND).set('Accept', 'application/json, text/javascript, */*; q=0.01').type('form')
    .send({ mobile: options.encrypt ? encryptLikeWisedu(mobile, DEFAULT_SALT) : mobile, captcha, captchaId });
  return res;
}

/** Posts the 短信登录 form (cllt=dynamicLogin) as the real page does. */
async function smsLogIn(agent: Agent, mobile: string, dynamicCode: string, extra: Record<string, string> = {}, query = '') {
  const page = await agent.get(`/authserver/login${query}`);
  const execution = /id="phoneExecution" name="execution" value="([^"]+)"/.exec(page.text)![1]!;
  return agent.post(`/authserver/login${query}`).type('form').send({
    username: mobile, dynamicCode, captcha: '', cllt: 'dynamicLogin', dllt: 'generalLogin', lt: '', _eventId: 'submit', execution, agreeProtocol: 'true', ...extra,
  });
}

describe('短信登录: getDynamicCode.htl', () => {
  it('sends a code to the bound phone and answers {code: success, message} as the real endpoint', async () => {
    const portal = makePortal();
    const res = await askCode(request.agent(portal.app), portal, PHONE, { encrypt: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 'success', message: '验证码已发送至138****8009，5分钟内有效' });
    const [sms, ...older] = smsTo(portal, PHONE);
    expect(older).toEqual([]);
    expect(sms!.text).toMatch(/^【电子科技大学】您的验证码为\d{6}，5分钟内有效，请勿泄露。$/);
    expect(auditOf(portal, 'LOGIN_CODE_SENT')).toEqual([{ outcome: 'ok', code: null, candidateNo: demoActivated.candidateNo }]);
  });

  it('answers timeExpire with the seconds left during the 120-second cooldown', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await askCode(agent, portal, PHONE);
    portal.clock.advance(45_000);
    expect((await askCode(agent, portal, PHONE)).body).toEqual({ code: 'timeExpire', message: '请75秒后再获取验证码', time: 75 });
    expect(smsTo(portal, PHONE)).toHaveLength(1);
    portal.clock.advance(75_000);
    expect((await askCode(agent, portal, PHONE)).body.code).toBe('success');
  });

  it('demands a fresh graphic captcha for every code: captchaError when it is missing or wrong', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    expect((await askCode(agent, portal, PHONE, { captcha: '' })).body).toEqual({ code: 'captchaError', message: '请输入验证码' });
    expect((await askCode(agent, portal, PHONE, { captcha: 'zzzz' })).body).toEqual({ code: 'captchaError', message: '图形动态码错误' });
    expect(smsTo(portal, PHONE)).toHaveLength(0);
  });

  it('needs no captcha once the test-automation API has switched captchas off', async () => {
    const portal = makePortal();
    await request(portal.app).put('/api/v1/settings').set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({ captcha: false });
    expect((await request(portal.app).post(SEND).type('form').send({ mobile: PHONE, captcha: '' })).body.code).toBe('success');
  });

  it('refuses a malformed number and an empty one with error, sending nothing', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    expect((await askCode(agent, portal, '')).body).toEqual({ code: 'error', message: '请输入手机号' });
    expect((await askCode(agent, portal, '1380013800')).body).toEqual({ code: 'error', message: '请输入正确的手机号（11位中国大陆手机号）' });
    expect(portal.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(0);
  });

  it('answers a number bound to no account exactly like a bound one, cooldown included, and sends nothing', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const unbound = '13911112222';
    expect((await askCode(agent, portal, unbound)).body).toEqual({ code: 'success', message: '验证码已发送至139****2222，5分钟内有效' });
    portal.clock.advance(45_000);
    expect((await askCode(agent, portal, unbound)).body).toEqual({ code: 'timeExpire', message: '请75秒后再获取验证码', time: 75 });
    expect(smsTo(portal, unbound)).toHaveLength(0);
    // Staff see what really happened.
    expect(auditOf(portal, 'LOGIN_CODE_SENT')).toEqual([
      { outcome: 'error', code: 'PHONE_NOT_BOUND', candidateNo: null }, { outcome: 'error', code: 'CODE_COOLDOWN', candidateNo: null },
    ]);
  });

  it('holds an unbound number to the same hourly and daily caps as a bound one, so sending often reveals no binding either', async () => {
    // Each number in its own portal, asked as often: every answer must read the same but for the number.
    const answersFor = async (phone: string) => {
      const portal = makePortal();
      const agent = request.agent(portal.app);
      const answers: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await askCode(agent, portal, phone);
        answers.push(`${res.status} ${JSON.stringify(res.body).replace(`${phone.slice(0, 3)}****${phone.slice(7)}`, 'NUMBER')}`);
        portal.clock.advance(i === 5 ? 60 * 60_000 : 121_000);
      }
      return { answers, sent: smsTo(portal, phone).length };
    };
    const bound = await answersFor(PHONE);
    const unbound = await answersFor('13911112222');
    expect(bound.sent).toBe(10);
    expect(unbound.sent).toBe(0);
    expect(unbound.answers).toEqual(bound.answers);
    const refused = (message: string) => `200 ${JSON.stringify({ code: 'error', message })}`;
    expect(bound.answers[5]).toBe(refused('获取验证码过于频繁，请1小时后再试'));
    expect(bound.answers[11]).toBe(refused('今日获取验证码次数已达上限，请明天再试'));
    expect(bound.answers.filter((a) => a.includes('"success"'))).toHaveLength(10);
  });

  it('without JavaScript, 获取验证码 posts the form and gets the 短信登录 page back with the notice and the countdown', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const page = await agent.get(`/authserver/login?service=${svc(WECOM)}&type=dynamicLogin`);
    const captchaId = /id="telCaptchaId" name="captchaId" value="([^"]+)"/.exec(page.text)![1]!;
    const captcha = await solveCaptcha(agent, portal, captchaId);
    const res = await agent.post(`${SEND}?service=${svc(WECOM)}&type=dynamicLogin`).set('Accept', 'text/html,application/xhtml+xml')
      .type('form').send({ username: PHONE, captcha, captchaId, dynamicCode: '', cllt: 'dynamicLogin', agreeProtocol: 'true', rememberMe: 'true' });
    expect(res.status).toBe(200);
    expect(messagesOf(res.text)).toEqual(['验证码已发送至138****8009，5分钟内有效']);
    expect(res.text).toMatch(/<form method="post" action="\/authserver\/login\?service=[^"]+" id="phoneFromId" class="form" novalidate>/);
    expect(res.text).toContain(`id="mobile" name="username" type="tel" inputmode="numeric" maxlength="20" autocomplete="tel" placeholder="请输入绑定的手机号" value="${PHONE}"`);
    expect(res.text).toMatch(/id="getTelCode"[^>]*data-countdown="120"[^>]*disabled>120秒后重新获取</);
    expect(res.text).toMatch(/id="telAgreeProtocol"[^>]* checked/);
    expect(smsTo(portal, PHONE)).toHaveLength(1);
  });
});

describe('短信登录: the login', () => {
  it('logs in with the code, starting an SSO session exactly like a password login', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await askCode(agent, portal, PHONE);
    const res = await smsLogIn(agent, PHONE, latestCodeTo(portal, PHONE), {}, `?service=${svc(WECOM)}`);
    expect(res.status).toBe(302);
    const ticket = ticketIn(res.headers.location);
    const validation = await request(portal.app).get(`/authserver/p3/serviceValidate?service=${svc(WECOM)}&ticket=${ticket}`);
    expect(validation.text).toContain(`<cas:user>${demoActivated.candidateNo}</cas:user>`);
    expect(portal.store.ssoSessions.openForCandidate(portal.store.candidates.findByCandidateNo(demoActivated.candidateNo)!.id, portal.clock.now())).toHaveLength(1);
    expect(JSON.parse(portal.db.prepare("SELECT params FROM audit WHERE event = 'LOGIN' AND outcome = 'ok'").pluck().get() as string))
      .toMatchObject({ cllt: 'dynamicLogin', service: '企业微信激活' });
    // Single sign-on works from here on, as after a password login.
    expect((await agent.get(`/authserver/login?service=${svc(WECOM)}`)).headers.location).toMatch(/ticket=ST-/);
  });

  it('uses a code once', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await askCode(agent, portal, PHONE);
    const code = latestCodeTo(portal, PHONE);
    expect((await smsLogIn(agent, PHONE, code)).status).toBe(303);
    const again = await smsLogIn(request.agent(portal.app), PHONE, code);
    expect(again.status).toBe(401);
    expect(messagesOf(again.text)).toEqual(['请先获取验证码']);
  });

  it('refuses a wrong code, voids the code after 5 wrong tries, and refuses an expired one', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await askCode(agent, portal, PHONE);
    const code = latestCodeTo(portal, PHONE);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await smsLogIn(agent, PHONE, wrong);
    expect(first.status).toBe(401);
    expect(messagesOf(first.text)).toEqual(['验证码错误，请重新输入']);
    expect(tagOfPhoneForm(first.text)).not.toContain('hidden');
    for (let i = 0; i < 4; i++) await smsLogIn(agent, PHONE, wrong);
    expect(messagesOf((await smsLogIn(agent, PHONE, code)).text)).toEqual(['验证码错误次数过多，请重新获取']);

    portal.clock.advance(120_000);
    await askCode(agent, portal, PHONE);
    const fresh = latestCodeTo(portal, PHONE);
    portal.clock.advance(5 * 60_000);
    expect(messagesOf((await smsLogIn(agent, PHONE, fresh)).text)).toEqual(['验证码已过期，请重新获取']);
    expect(portal.db.prepare('SELECT COUNT(*) FROM sso_sessions').pluck().get()).toBe(0);
  });

  it('after a pretend send, answers the codes typed for a number bound to no account as a bound one\'s wrong codes', async () => {
    // Each number in its own portal, through the same steps: every answer must read the same.
    const answersFor = async (phone: string) => {
      const portal = makePortal();
      const agent = request.agent(portal.app);
      const wrong = () => (smsTo(portal, phone).length > 0 && latestCodeTo(portal, phone) === '000000' ? '111111' : '000000');
      const answer = async () => {
        const res = await smsLogIn(agent, phone, wrong());
        return `${res.status} ${messagesOf(res.text).join()}`;
      };
      const answers = [await answer()];
      await askCode(agent, portal, phone);
      for (let i = 0; i < 6; i++) answers.push(await answer());
      portal.clock.advance(120_000);
      await askCode(agent, portal, phone);
      answers.push(await answer());
      portal.clock.advance(5 * 60_000);
      answers.push(await answer());
      return answers;
    };
    const bound = await answersFor(PHONE);
    expect(bound).toEqual([
      '401 请先获取验证码', ...Array(4).fill('401 验证码错误，请重新输入'), ...Array(2).fill('401 验证码错误次数过多，请重新获取'),
      '401 验证码错误，请重新输入', '401 验证码已过期，请重新获取',
    ]);
    expect(await answersFor('13911112222')).toEqual(bound);
  });

  it('answers a number bound to no account as a number without a code', async () => {
    const portal = makePortal();
    const res = await smsLogIn(request.agent(portal.app), '13911112222', '123456');
    expect(messagesOf(res.text)).toEqual(['请先获取验证码']);
  });

  it('asks for the number and the code, and for the 《隐私协议》 tick', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    expect(messagesOf((await smsLogIn(agent, '', '123456')).text)).toEqual(['请输入手机号']);
    expect(messagesOf((await smsLogIn(agent, PHONE, '')).text)).toEqual(['请输入短信验证码']);
    expect(messagesOf((await smsLogIn(agent, PHONE, '123456', { agreeProtocol: '' })).text)).toEqual(['请先确认《隐私协议》内容。']);
  });

  it('keeps a locked account locked and sends a flagged one to 忘记密码, as a password login does', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    lockFor(portal, 'login', demoActivated.candidateNo, portal.clock.now() + 15 * 60_000);
    await askCode(agent, portal, PHONE);
    expect(messagesOf((await smsLogIn(agent, PHONE, latestCodeTo(portal, PHONE))).text)).toEqual(['账号已冻结，预计解冻时间：2026-03-10 10:15:00']);
    portal.store.attempts.unlock(['login'], demoActivated.candidateNo);

    await request(portal.app).post(`/api/v1/candidates/${demoActivated.candidateNo}/actions/force-password-reset`)
      .set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({ reason: 'drill' });
    const flagged = await smsLogIn(agent, PHONE, latestCodeTo(portal, PHONE));
    expect(flagged.status).toBe(403);
    expect(flagged.text).toContain('href="/retrieve-password/passwordRetrieve"');
    expect(portal.db.prepare('SELECT COUNT(*) FROM sso_sessions').pluck().get()).toBe(0);
  });
});

function tagOfPhoneForm(html: string): string {
  return /<form [^>]*id="phoneFromId"[^>]*>/.exec(html)?.[0] ?? '';
}

