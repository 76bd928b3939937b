import { describe, expect, it } from 'vitest';
import { latestCodeTo, makePortal, messagesOf, type Agent, type TestPortal } from '../../support/portal.ts';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { auditTrail, candidate, HOUR, MINUTE, rowCount } from '../../support/activationChecks.ts';

const EMAIL = 'zhangwei2026@example.com';
const sendCode = (agent: Agent, email: string) => postForm(agent, `${A}/email/code`, { email }, `${A}/email`);
const bind = (agent: Agent, email: string, code: string) => postForm(agent, `${A}/email`, { email, code });
const mailTo = (portal: TestPortal, email: string) => portal.store.outbox.listTo(email).filter((m) => m.channel === 'email');

async function expectNotBound(portal: TestPortal, agent: Agent) {
  expect(candidate(portal, demo.zhang.candidateNo).email).toBeNull();
  const next = await agent.get(`${A}/password`);
  expect(next.status).toBe(303);
  expect(next.headers.location).toBe(`${A}/email`);
}

describe('绑定邮箱: sending the code', () => {
  it.each([
    ['', '请输入邮箱', 'EMAIL_REQUIRED'],
    ['zhangwei', '请输入正确的邮箱地址', 'EMAIL_FORMAT'],
    ['zhang@wei@example.com', '请输入正确的邮箱地址', 'EMAIL_FORMAT'],
    ['zhang@localhost', '请输入正确的邮箱地址', 'EMAIL_FORMAT'],
  ])('refuses %j with its message and sends nothing', async (email, message, code) => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    const before = rowCount(portal, 'outbox');
    const res = await sendCode(agent, email);
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual([message]);
    expect(rowCount(portal, 'outbox')).toBe(before);
    expect(auditTrail(portal).at(-1)).toBe(`EMAIL_CODE_SENT:error:${code}`);
  });

  it('composes a real MIME message with a text and an HTML part, and shows the masked address', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    const res = await sendCode(agent, EMAIL);
    expect(res.status).toBe(200);
    expect(messagesOf(res.text)).toEqual(['验证码已发送至zha***@example.com，请查收邮件']);
    expect(res.text).toMatch(/data-countdown="120"[^>]*disabled>120秒后重新获取</);
    const [mail, ...older] = mailTo(portal, EMAIL);
    expect(older).toEqual([]);
    const code = latestCodeTo(portal, EMAIL);
    expect(mail!.subject).toBe('【电子科技大学】统一身份认证邮箱验证码');
    expect(mail!.text).toContain(`邮箱验证码为：${code}`);
    expect(mail!.text).toContain('张伟，您好');
    expect(mail!.html).toContain(code);
    expect(mail!.delivery).toBe('captured');
    const raw = mail!.raw!;
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;\s+boundary=/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8/m);
    expect(raw).toMatch(/^To: zhangwei2026@example\.com$/m);
    expect(raw).toMatch(/^From: .*<noreply@idas\.uestc\.edu\.cn>$/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toMatch(/^Message-ID: </m);
    expect(auditTrail(portal).at(-1)).toBe('EMAIL_CODE_SENT:ok:');
  });

  it('enforces the resend cooldown and the hourly limit per address', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440' });
    const agent = await walkTo(portal, 'email');
    await sendCode(agent, EMAIL);
    portal.clock.advance(30_000);
    const early = await sendCode(agent, EMAIL);
    expect(early.status).toBe(429);
    expect(messagesOf(early.text)).toEqual(['请90秒后再获取验证码']);
    portal.clock.advance(90_000);
    for (let i = 0; i < 4; i++) {
      expect((await sendCode(agent, EMAIL)).status).toBe(200);
      portal.clock.advance(2 * MINUTE);
    }
    const sixth = await sendCode(agent, EMAIL);
    expect(messagesOf(sixth.text)).toEqual(['获取验证码过于频繁，请1小时后再试']);
    expect(mailTo(portal, EMAIL)).toHaveLength(5);
    portal.clock.advance(HOUR);
    expect((await sendCode(agent, EMAIL)).status).toBe(200);
  });

  it('sends at most 10 codes a day to one address', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '1440' });
    const agent = await walkTo(portal, 'email');
    for (let i = 0; i < 10; i++) {
      expect((await sendCode(agent, EMAIL)).status).toBe(200);
      portal.clock.advance(i === 4 ? HOUR : 2 * MINUTE);
    }
    const eleventh = await sendCode(agent, EMAIL);
    expect(messagesOf(eleventh.text)).toEqual(['今日获取验证码次数已达上限，请明天再试']);
    expect(mailTo(portal, EMAIL)).toHaveLength(10);
  });

  it('refuses an address bound to another account', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    const taken = candidate(portal, demo.zhao.candidateNo).email!;
    const res = await sendCode(agent, taken);
    expect(messagesOf(res.text)).toEqual(['该邮箱已绑定其他账号，请更换邮箱或联系服务台']);
    expect(mailTo(portal, taken)).toEqual([]);
    expect(messagesOf((await bind(agent, taken, '123456')).text)).toEqual(['该邮箱已绑定其他账号，请更换邮箱或联系服务台']);
    await expectNotBound(portal, agent);
  });
});

describe('绑定邮箱: checking the code', () => {
  it('binds with the right code and goes on to 设置密码', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    await sendCode(agent, EMAIL);
    const res = await bind(agent, EMAIL, latestCodeTo(portal, EMAIL));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${A}/password`);
    expect(auditTrail(portal).at(-1)).toBe('EMAIL_BIND:ok:');
  });

  it('refuses a malformed code without counting a try', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    await sendCode(agent, EMAIL);
    expect(messagesOf((await bind(agent, EMAIL, '1234')).text)).toEqual(['验证码应为6位数字']);
    expect(portal.db.prepare("SELECT COUNT(*) FROM attempts WHERE kind = 'code'").pluck().get()).toBe(0);
    await expectNotBound(portal, agent);
  });

  it('lets a code expire after 5 minutes', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    await sendCode(agent, EMAIL);
    portal.clock.advance(5 * MINUTE);
    expect(messagesOf((await bind(agent, EMAIL, latestCodeTo(portal, EMAIL))).text)).toEqual(['验证码已过期，请重新获取']);
    await expectNotBound(portal, agent);
  });

  it('accepts a code once only', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    await sendCode(agent, EMAIL);
    const code = latestCodeTo(portal, EMAIL);
    expect((await bind(agent, EMAIL, code)).status).toBe(303);
    portal.clock.advance(2 * MINUTE);
    await walkTo(portal, 'email', { agent });
    expect(messagesOf((await bind(agent, EMAIL, code)).text)).toEqual(['请先获取验证码']);
    await expectNotBound(portal, agent);
  });

  it('voids a code after 5 wrong tries, so the sixth try with the right code is refused', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    await sendCode(agent, EMAIL);
    const right = latestCodeTo(portal, EMAIL);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect(messagesOf((await bind(agent, EMAIL, wrong)).text)).toEqual(['验证码错误，请重新输入']);
    expect(messagesOf((await bind(agent, EMAIL, wrong)).text)).toEqual(['验证码错误次数过多，请重新获取']);
    expect(messagesOf((await bind(agent, EMAIL, right)).text)).toEqual(['验证码错误次数过多，请重新获取']);
    await expectNotBound(portal, agent);
  });
});
