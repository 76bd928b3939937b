import { describe, expect, it } from 'vitest';
import { csrfFrom, latestCodeTo, makePortal, messagesOf, type Agent, type TestPortal } from '../../support/portal.ts';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { auditTrail, candidate, HOUR, MINUTE, rowCount } from '../../support/activationChecks.ts';

const PHONE = '13800001234';
const sendCode = (agent: Agent, phone: string) => postForm(agent, `${A}/phone/code`, { phone }, `${A}/phone`);
const bind = (agent: Agent, phone: string, code: string) => postForm(agent, `${A}/phone`, { phone, code });
const smsTo = (portal: TestPortal, phone: string) => portal.store.outbox.listTo(phone).filter((m) => m.channel === 'sms');

/** The phone step is still open and the candidate still has no phone. */
async function expectNotBound(portal: TestPortal, agent: Agent) {
  expect(candidate(portal, demo.zhang.candidateNo).phone).toBeNull();
  const email = await agent.get(`${A}/email`);
  expect(email.status).toBe(303);
  expect(email.headers.location).toBe(`${A}/phone`);
}

describe('绑定手机: sending the code', () => {
  it.each([
    ['', '请输入手机号', 'PHONE_REQUIRED'],
    ['1380013800', '请输入正确的手机号（11位中国大陆手机号）', 'PHONE_FORMAT'],
    ['12800138000', '请输入正确的手机号（11位中国大陆手机号）', 'PHONE_FORMAT'],
    ['+85291234567', '请输入正确的手机号（11位中国大陆手机号）', 'PHONE_FORMAT'],
  ])('refuses %j with its message and sends nothing', async (phone, message, code) => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const res = await sendCode(agent, phone);
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual([message]);
    expect(rowCount(portal, 'outbox')).toBe(0);
    expect(rowCount(portal, 'challenges')).toBe(0);
    expect(auditTrail(portal).at(-1)).toBe(`PHONE_CODE_SENT:error:${code}`);
  });

  it('sends the SMS text of the real portal, shows the masked number and a 120-second countdown', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const res = await sendCode(agent, '138 0000 1234');
    expect(res.status).toBe(200);
    expect(messagesOf(res.text)).toEqual(['验证码已发送至138****1234，5分钟内有效']);
    expect(res.text).toContain('value="138 0000 1234"');
    expect(res.text).toMatch(/data-countdown="120"[^>]*disabled>120秒后重新获取</);
    const [sms, ...older] = smsTo(portal, PHONE);
    expect(older).toEqual([]);
    expect(sms!.text).toMatch(/^【电子科技大学】您的验证码为\d{6}，5分钟内有效，请勿泄露。$/);
    // Only a keyed hash of the code is stored.
    const stored = portal.db.prepare('SELECT code_hash FROM challenges').pluck().get() as string;
    expect(stored).not.toContain(latestCodeTo(portal, PHONE));
    expect(auditTrail(portal).at(-1)).toBe('PHONE_CODE_SENT:ok:');
  });

  it('asks for a new graphic captcha before every code, as the real queryValidateCodeByMobile does', async () => {
    const portal = makePortal({ CODE_RESEND_COOLDOWN_SECONDS: '0' });
    const agent = await walkTo(portal, 'phone');
    const page = await agent.get(`${A}/phone`);
    expect(page.text).toMatch(/<label for="captcha">图形验证码<\/label>/);
    const captchaId = /name="captchaId" value="([^"]+)"/.exec(page.text)![1]!;
    const send = (captcha: string, id = captchaId) => agent.post(`${A}/phone/code`).type('form').send({ phone: PHONE, captcha, captchaId: id, _csrf: csrfFrom(page.text) });
    const missing = await send('');
    expect(messagesOf(missing.text)).toEqual(['请输入图形验证码']);
    expect(missing.text).toContain('<p class="field-error" id="captcha-error">请输入图形验证码</p>');
    expect(messagesOf((await send('zzzz')).text)).toEqual(['验证码不正确']);
    expect(smsTo(portal, PHONE)).toHaveLength(0);
    expect(auditTrail(portal).at(-1)).toBe('PHONE_CODE_SENT:error:GRAPHIC_CAPTCHA_INCORRECT');

    await agent.get(`/retrieve-password/generateCaptcha?ltId=${captchaId}&codeType=2`);
    const answer = portal.store.captchas.peek(captchaId)!;
    const sent = await send(answer);
    expect(messagesOf(sent.text)).toEqual(['验证码已发送至138****1234，5分钟内有效']);
    // The same picture does not buy a second code.
    expect(messagesOf((await send(answer)).text)).toEqual(['验证码不正确']);
    expect(smsTo(portal, PHONE)).toHaveLength(1);
    // Binding needs no picture: only the code.
    expect((await agent.post(`${A}/phone`).type('form').send({ phone: PHONE, code: latestCodeTo(portal, PHONE), _csrf: csrfFrom(page.text) })).status).toBe(303);
  });

  it('says which number the code went to, and keeps saying it while the countdown runs', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const sent = await sendCode(agent, '13900001111');
    expect(messagesOf(sent.text)).toEqual(['验证码已发送至139****1111，5分钟内有效']);
    expect(smsTo(portal, '13900001111')).toHaveLength(1);
    expect(smsTo(portal, PHONE)).toHaveLength(0);
    portal.clock.advance(30_000);
    const again = await agent.get(`${A}/phone`);
    expect(again.text).toContain('<p class="field-hint" id="code-sent-to">验证码已发送至139****1111</p>');
    expect(again.text).toContain('value="13900001111"');
    portal.clock.advance(2 * MINUTE);
    expect((await agent.get(`${A}/phone`)).text).not.toContain('code-sent-to');
  });

  it('enforces the resend cooldown on the server and shows the seconds left', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    portal.clock.advance(50_000);
    const again = await sendCode(agent, PHONE);
    expect(again.status).toBe(429);
    expect(messagesOf(again.text)).toEqual(['请70秒后再获取验证码']);
    expect(again.text).toMatch(/data-countdown="70"[^>]*disabled>70秒后重新获取</);
    expect((await agent.get(`${A}/phone`)).text).toMatch(/data-countdown="70"/);
    expect(smsTo(portal, PHONE)).toHaveLength(1);
    expect(auditTrail(portal).at(-1)).toBe('PHONE_CODE_SENT:error:CODE_COOLDOWN');
    portal.clock.advance(70_000);
    expect((await sendCode(agent, PHONE)).status).toBe(200);
    expect(smsTo(portal, PHONE)).toHaveLength(2);
  });

  it('sends at most 5 codes an hour to one number', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440' });
    const agent = await walkTo(portal, 'phone');
    for (let i = 0; i < 5; i++) {
      expect((await sendCode(agent, PHONE)).status).toBe(200);
      portal.clock.advance(2 * MINUTE);
    }
    const sixth = await sendCode(agent, PHONE);
    expect(sixth.status).toBe(429);
    expect(messagesOf(sixth.text)).toEqual(['获取验证码过于频繁，请1小时后再试']);
    expect(sixth.text).toContain('<p class="field-error" id="phone-error">获取验证码过于频繁，请1小时后再试</p>');
    expect(smsTo(portal, PHONE)).toHaveLength(5);
    portal.clock.advance(HOUR - 10 * MINUTE + 1);
    expect((await sendCode(agent, PHONE)).status).toBe(200);
  });

  it('sends at most 10 codes a day to one number', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440' });
    const agent = await walkTo(portal, 'phone');
    for (let hour = 0; hour < 2; hour++) {
      for (let i = 0; i < 5; i++) {
        expect((await sendCode(agent, PHONE)).status).toBe(200);
        portal.clock.advance(2 * MINUTE);
      }
      portal.clock.advance(HOUR);
    }
    const eleventh = await sendCode(agent, PHONE);
    expect(eleventh.status).toBe(429);
    expect(messagesOf(eleventh.text)).toEqual(['今日获取验证码次数已达上限，请明天再试']);
    // The cap belongs to the number, so it is shown under 手机号, not under the code.
    expect(eleventh.text).toContain('<p class="field-error" id="phone-error">今日获取验证码次数已达上限，请明天再试</p>');
    expect(eleventh.text).toMatch(/id="phone"[^>]*aria-invalid="true" aria-describedby="phone-error"/);
    expect(eleventh.text).not.toContain('id="code-error"');
    expect(smsTo(portal, PHONE)).toHaveLength(10);
  });

  it('refuses a number bound to another (activated) account before sending anything', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const taken = candidate(portal, demo.zhao.candidateNo).phone!;
    const res = await sendCode(agent, taken);
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['该手机号已绑定其他账号，请更换手机号或联系服务台']);
    expect(rowCount(portal, 'outbox')).toBe(0);
    const bound = await bind(agent, taken, '123456');
    expect(messagesOf(bound.text)).toEqual(['该手机号已绑定其他账号，请更换手机号或联系服务台']);
    await expectNotBound(portal, agent);
    expect(auditTrail(portal).slice(-2)).toEqual(['PHONE_CODE_SENT:error:PHONE_TAKEN', 'PHONE_BIND:error:PHONE_TAKEN']);
  });
});

describe('绑定手机: the page', () => {
  it('loads the countdown script, and Enter in a field means 下一步, not 获取验证码', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const page = await agent.get(`${A}/phone`);
    expect(page.text).toContain('<script src="/public/js/countdown.js" defer></script>');
    const firstSubmit = /<button type="submit"[^>]*>/.exec(page.text)![0];
    expect(firstSubmit).not.toContain('formaction');
  });
});

describe('绑定手机: checking the code', () => {
  it.each([
    ['', '请输入验证码', 'CODE_REQUIRED'],
    ['12345', '验证码应为6位数字', 'CODE_FORMAT'],
    ['12345a', '验证码应为6位数字', 'CODE_FORMAT'],
  ])('refuses the code %j by its format without counting a try', async (code, message, reason) => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    const res = await bind(agent, PHONE, code);
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual([message]);
    expect(portal.db.prepare("SELECT COUNT(*) FROM attempts WHERE kind = 'code'").pluck().get()).toBe(0);
    await expectNotBound(portal, agent);
    expect(auditTrail(portal).at(-1)).toBe(`PHONE_BIND:error:${reason}`);
  });

  it('asks for a code first when none was sent to that number', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    const res = await bind(agent, '13900001234', latestCodeTo(portal, PHONE));
    expect(messagesOf(res.text)).toEqual(['请先获取验证码']);
    await expectNotBound(portal, agent);
  });

  it('binds with the right code and goes on to 绑定邮箱', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    const res = await bind(agent, PHONE, latestCodeTo(portal, PHONE));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${A}/email`);
    expect(auditTrail(portal).at(-1)).toBe('PHONE_BIND:ok:');
    // The account itself changes only when the whole flow is finished.
    expect(candidate(portal, demo.zhang.candidateNo).phone).toBeNull();
  });

  it('lets a code expire after 5 minutes', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    portal.clock.advance(5 * MINUTE);
    const res = await bind(agent, PHONE, latestCodeTo(portal, PHONE));
    expect(messagesOf(res.text)).toEqual(['验证码已过期，请重新获取']);
    await expectNotBound(portal, agent);
    expect(auditTrail(portal).at(-1)).toBe('PHONE_BIND:error:CODE_EXPIRED');
  });

  it('accepts a code once only', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    const code = latestCodeTo(portal, PHONE);
    expect((await bind(agent, PHONE, code)).status).toBe(303);
    // Starting over in the same browser, the used code no longer binds anything.
    await walkTo(portal, 'phone', { agent });
    const again = await bind(agent, PHONE, code);
    expect(messagesOf(again.text)).toEqual(['请先获取验证码']);
    await expectNotBound(portal, agent);
  });

  it('voids the older code when a new one is sent', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    const first = latestCodeTo(portal, PHONE);
    portal.clock.advance(2 * MINUTE);
    await sendCode(agent, PHONE);
    const second = latestCodeTo(portal, PHONE);
    if (first !== second) expect(messagesOf((await bind(agent, PHONE, first)).text)).toEqual(['验证码错误，请重新输入']);
    expect((await bind(agent, PHONE, second)).status).toBe(303);
  });

  it('voids a code after 5 wrong tries, so the sixth try with the right code is refused', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await sendCode(agent, PHONE);
    const right = latestCodeTo(portal, PHONE);
    const wrong = right === '000000' ? '111111' : '000000';
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push(...messagesOf((await bind(agent, PHONE, wrong)).text));
    expect(messages).toEqual([...Array(4).fill('验证码错误，请重新输入'), '验证码错误次数过多，请重新获取']);
    const sixth = await bind(agent, PHONE, right);
    expect(sixth.status).toBe(400);
    expect(messagesOf(sixth.text)).toEqual(['验证码错误次数过多，请重新获取']);
    await expectNotBound(portal, agent);
    expect(auditTrail(portal).at(-1)).toBe('PHONE_BIND:error:CODE_TOO_MANY_ATTEMPTS');
  });
});
