import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, messagesOf, TEST_API_TOKEN } from '../../support/portal.ts';
import { CAMPUS, lastAudit, loginPage, logIn, svc, ticketIn, WECOM, ZHAO } from './helpers.ts';

const MINUTE = 60_000;

describe('GET /authserver/login', () => {
  it('shows the Wisedu form: hidden execution, salt and fields, links to 账号激活 and 忘记密码, no inline script', async () => {
    const portal = makePortal();
    const res = await request(portal.app).get('/authserver/login');
    expect(res.status).toBe(200);
    for (const field of ['name="username"', 'name="password"', 'name="execution"', 'name="_eventId" value="submit"', 'name="cllt" value="userNameLogin"', 'name="dllt" value="generalLogin"', 'name="lt" value=""', 'id="pwdEncryptSalt"', 'id="pwdFromId"']) {
      expect(res.text).toContain(field);
    }
    expect(res.text).toMatch(/id="pwdEncryptSalt" value="[ABCDEFGHJKMNPQRSTWXYZabcdefhijkmnprstwxyz2345678]{16}"/);
    expect(res.text).toContain('href="/retrieve-password/accountActivation"');
    expect(res.text).toContain('href="/retrieve-password/passwordRetrieve"');
    expect(res.text).toContain('<script src="/public/js/encrypt.js" defer></script>');
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers an unregistered service with 应用未注册 and never a redirect', async () => {
    const portal = makePortal();
    const res = await request(portal.app).get(`/authserver/login?service=${svc('https://evil.example/wecom/')}`);
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('应用未注册');
    expect(lastAudit(portal, 'SERVICE_REFUSED')?.code).toBe('SERVICE_UNREGISTERED');
  });
});

describe('POST /authserver/login', () => {
  it('logs in with the plain password (no JavaScript), sets CASTGC and redirects with the ticket appended as given', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const res = await logIn(agent, { query: `?service=${svc(WECOM)}` });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:8080\/wecom\/app\?from=qr&x=%E4%B8%AD&ticket=ST-[A-Za-z0-9-]+$/);
    const ticket = ticketIn(res.headers.location);
    expect(ticket.length).toBeGreaterThanOrEqual(32);
    expect(ticket).toMatch(/^ST-[A-Za-z0-9-]+$/);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('CASTGC='))!;
    expect(cookie).toMatch(/Path=\/authserver/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Secure/);
    const row = portal.store.tickets.findById(ticket)!;
    expect(row.service).toBe(WECOM);
    expect(row.from_new_login).toBe(1);
    expect(row.expires_at - row.created_at).toBe(10_000);
    expect(lastAudit(portal, 'LOGIN')).toMatchObject({ outcome: 'ok', candidate_no: ZHAO.username });
  });

  it('marks CASTGC Secure when COOKIE_SECURE is set', async () => {
    const portal = makePortal({ COOKIE_SECURE: 'true' });
    // Behind a TLS-terminating proxy on loopback, as trust proxy allows.
    const form = await request(portal.app).get('/authserver/login').set('X-Forwarded-Proto', 'https');
    const session = (form.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const execution = /name="execution" value="([^"]*)"/.exec(form.text)![1]!;
    const res = await request(portal.app).post('/authserver/login').set('X-Forwarded-Proto', 'https').set('Cookie', session)
      .type('form').send({ username: ZHAO.username, password: ZHAO.password, execution, agreeProtocol: 'true' });
    expect(res.status).toBe(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('CASTGC='))!;
    expect(cookie).toMatch(/Secure/);
  });

  it('decrypts the password the page encrypted like the real encrypt.js', async () => {
    const portal = makePortal();
    const res = await logIn(request.agent(portal.app), { encrypt: true, query: `?service=${svc(WECOM)}` });
    expect(res.status).toBe(302);
    const wrong = await logIn(request.agent(portal.app), { encrypt: true, password: 'Wrong#Pass2026' });
    expect(messagesOf(wrong.text)).toEqual(['您提供的用户名或者密码有误']);
  });

  it('without service shows the logged-in page', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const res = await logIn(agent);
    expect(res.status).toBe(303);
    const page = await agent.get('/authserver/login');
    expect(page.text).toContain('您已登录：赵磊（106146510100009）');
    expect(page.text).toContain('href="/authserver/logout"');
  });

  it('uses each execution token once; a missing or replayed one gets 会话已失效', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const page = await loginPage(agent);
    const form = { username: ZHAO.username, password: ZHAO.password, execution: page.execution, agreeProtocol: 'true', _eventId: 'submit' };
    const first = await agent.post('/authserver/login').type('form').send({ ...form, password: 'Wrong#Pass2026' });
    expect(first.status).toBe(401);
    const replay = await agent.post('/authserver/login').type('form').send(form);
    expect(replay.status).toBe(400);
    expect(messagesOf(replay.text)).toEqual(['会话已失效，请刷新页面再登录']);
    const other = await request(portal.app).post('/authserver/login').type('form').send(form);
    expect(messagesOf(other.text)).toEqual(['会话已失效，请刷新页面再登录']);
    expect(portal.store.ssoSessions.openForCandidate(portal.store.candidates.findByCandidateNo(ZHAO.username)!.id, portal.clock.now())).toHaveLength(0);
  });

  it('shows the form without writing anything; its token works only in the browser it was shown to, and only for 2 hours', async () => {
    const portal = makePortal();
    const counts = () => portal.db.prepare('SELECT (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM captchas) + (SELECT COUNT(*) FROM login_executions)').pluck().get();
    const agent = request.agent(portal.app);
    const page = await loginPage(agent);
    expect(counts()).toBe(0);
    const form = { username: ZHAO.username, password: ZHAO.password, execution: page.execution, agreeProtocol: 'true', _eventId: 'submit' };
    const elsewhere = request.agent(portal.app);
    await loginPage(elsewhere);
    expect(messagesOf((await elsewhere.post('/authserver/login').type('form').send(form)).text)).toEqual(['会话已失效，请刷新页面再登录']);
    const tampered = page.execution.replace(/\.[^.]+\./, `.${'A'.repeat(16)}.`);
    expect(messagesOf((await agent.post('/authserver/login').type('form').send({ ...form, execution: tampered })).text)).toEqual(['会话已失效，请刷新页面再登录']);
    portal.clock.advance(120 * MINUTE);
    expect(messagesOf((await agent.post('/authserver/login').type('form').send(form)).text)).toEqual(['会话已失效，请刷新页面再登录']);
    const fresh = await loginPage(agent);
    expect((await agent.post('/authserver/login').type('form').send({ ...form, execution: fresh.execution })).status).toBe(303);
    expect(portal.db.prepare('SELECT COUNT(*) FROM login_executions').pluck().get()).toBe(1);
    expect(portal.db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(0);
  });

  it('gives unknown users and wrong passwords the same answer and audits both', async () => {
    const portal = makePortal();
    const unknown = await logIn(request.agent(portal.app), { username: '106146510199999' });
    const wrong = await logIn(request.agent(portal.app), { password: 'Wrong#Pass2026' });
    expect(unknown.status).toBe(wrong.status);
    expect(messagesOf(unknown.text)).toEqual(['您提供的用户名或者密码有误']);
    expect(messagesOf(wrong.text)).toEqual(['您提供的用户名或者密码有误']);
    const codes = portal.db.prepare("SELECT candidate_no, code FROM audit WHERE event = 'LOGIN' ORDER BY id").all();
    expect(codes).toEqual([
      { candidate_no: '106146510199999', code: 'INVALID_CREDENTIALS' },
      { candidate_no: ZHAO.username, code: 'INVALID_CREDENTIALS' },
    ]);
  });

  it('records in a refused login\'s audit row the application it was for', async () => {
    const portal = makePortal();
    await logIn(request.agent(portal.app), { password: 'Wrong#Pass2026', query: `?service=${svc(WECOM)}` });
    const row = lastAudit(portal, 'LOGIN')!;
    expect(row).toMatchObject({ outcome: 'error', code: 'INVALID_CREDENTIALS' });
    expect(JSON.parse(row.params!)).toMatchObject({ service: '企业微信激活' });
  });

  it('tells a pending candidate to activate first, with a link to 账号激活', async () => {
    const portal = makePortal();
    const res = await logIn(request.agent(portal.app), { username: '106146510100001', password: 'Anything#2026' });
    expect(res.status).toBe(401);
    expect(messagesOf(res.text)).toEqual(['该帐号未激活，请先完成帐号激活再登录']);
    expect(res.text).toMatch(/<p class="links"><a href="\/retrieve-password\/accountActivation">账号激活<\/a>/);
  });

  it('locks the account for 15 minutes after 5 failures in 15 minutes, even against the right password', async () => {
    const portal = makePortal({ CAPTCHA_ENABLED: 'false' });
    const agent = request.agent(portal.app);
    for (let i = 0; i < 4; i++) expect(messagesOf((await logIn(agent, { password: `Wrong#${i}` })).text)).toEqual(['您提供的用户名或者密码有误']);
    const fifth = await logIn(agent, { password: 'Wrong#5' });
    // 02:00 UTC is 10:00 in Beijing; the lock ends 15 minutes later.
    expect(messagesOf(fifth.text)).toEqual(['账号已冻结，预计解冻时间：2026-03-10 10:15:00']);
    expect(lastAudit(portal, 'LOGIN_LOCKED')?.code).toBe('ACCOUNT_LOCKED');
    const right = await logIn(agent);
    expect(messagesOf(right.text)).toEqual(['账号已冻结，预计解冻时间：2026-03-10 10:15:00']);
    const api = await request(portal.app).get(`/api/v1/candidates/${ZHAO.username}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    expect(api.body.status).toBe('locked');
    portal.clock.advance(15 * MINUTE);
    expect((await logIn(agent)).status).toBe(303);
  });

  it('forgets failures older than the window', async () => {
    const portal = makePortal({ CAPTCHA_ENABLED: 'false' });
    const agent = request.agent(portal.app);
    for (let i = 0; i < 4; i++) await logIn(agent, { password: `Wrong#${i}` });
    portal.clock.advance(16 * MINUTE);
    expect(messagesOf((await logIn(agent, { password: 'Wrong#5' })).text)).toEqual(['您提供的用户名或者密码有误']);
  });

  it('honours LOGIN_MAX_FAILURES and LOGIN_LOCK_MINUTES', async () => {
    const portal = makePortal({ CAPTCHA_ENABLED: 'false', LOGIN_MAX_FAILURES: '2', LOGIN_LOCK_MINUTES: '60' });
    const agent = request.agent(portal.app);
    await logIn(agent, { password: 'Wrong#1' });
    expect(messagesOf((await logIn(agent, { password: 'Wrong#2' })).text)).toEqual(['账号已冻结，预计解冻时间：2026-03-10 11:00:00']);
  });

  it('challenges a busy address with the captcha but never refuses a right password from it', async () => {
    const portal = makePortal();
    for (let i = 0; i < 100; i++) {
      const junk = await logIn(request.agent(portal.app), { username: `1061465101${String(90000 + i)}`, password: `Wrong#${i}` });
      expect(junk.status).toBe(401);
    }
    const another = request.agent(portal.app);
    // A user name without a single failure still needs the captcha here: the address has failed 100 times.
    expect((await another.get(`/authserver/checkNeedCaptcha.htl?username=${ZHAO.username}`)).body).toEqual({ isNeed: true });
    expect((await loginPage(another)).text).toMatch(/<img id="captchaImg" class="captcha-img" src=/);
    const without = await logIn(another);
    expect(without.status).toBe(401);
    expect(messagesOf(without.text)).toEqual(['请输入验证码']);
    const right = await logIn(another, { captcha: 'solve', portal });
    expect(right.status).toBe(303);
    expect(right.headers['set-cookie']?.toString()).toContain('CASTGC=');
  });

  it('sends an account whose password staff reset to 忘记密码 instead of issuing a ticket', async () => {
    const portal = makePortal();
    portal.db.prepare('UPDATE candidates SET must_reset_password = 1 WHERE candidate_no = ?').run(ZHAO.username);
    const res = await logIn(request.agent(portal.app), { query: `?service=${svc(WECOM)}` });
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('CASTGC=');
    expect(res.text).toContain('请先通过“忘记密码”设置新密码');
    expect(res.text).toContain('href="/retrieve-password/passwordRetrieve"');
    expect(portal.db.prepare('SELECT COUNT(*) AS n FROM service_tickets').get()).toEqual({ n: 0 });
  });

  it('refuses a candidate at a service that does not admit candidates: 您的账号无权访问该应用', async () => {
    const portal = makePortal();
    const res = await logIn(request.agent(portal.app), { query: `?service=${svc(CAMPUS)}` });
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('您的账号无权访问该应用');
    expect(portal.db.prepare('SELECT COUNT(*) AS n FROM service_tickets').get()).toEqual({ n: 0 });
    expect(lastAudit(portal, 'SERVICE_ACCESS')?.code).toBe('SERVICE_NOT_ALLOWED');
  });

  it('asks for required fields without counting a failure', async () => {
    const portal = makePortal();
    const res = await logIn(request.agent(portal.app), { username: '', password: '' });
    expect(messagesOf(res.text)).toEqual(['请输入账号']);
    expect(portal.db.prepare('SELECT COUNT(*) FROM attempts').pluck().get()).toBe(0);
  });
});
