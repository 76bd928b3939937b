import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, csrfFrom } from '../../support/portal.ts';
import { A, demo, walkTo } from '../../support/activation.ts';
import { ADMIN_PASSWORD, AGENT, consoleCsrf, makeConsolePortal, signIn, signInAdmin, signInAgent } from './consoleSupport.ts';

const STAFF_PAGES = ['/console', '/console/candidates', `/console/candidates/${demo.zhao.candidateNo}`, '/console/outbox'];
const ADMIN_PAGES = ['/console/import', '/console/faults', '/console/staff'];

async function attemptLogin(agent: ReturnType<typeof request.agent>, username: string, password: string) {
  const page = await agent.get('/console/login');
  return agent.post('/console/login').type('form').send({ username, password, _csrf: csrfFrom(page.text) });
}

describe('console sign-in', () => {
  it('creates the first admin from CONSOLE_ADMIN_PASSWORD and lets them in with their own cookie', async () => {
    const portal = await makeConsolePortal();
    expect(portal.firstAdmin.generatedPassword).toBeUndefined();
    const admin = portal.store.staff.findByUsername('admin')!;
    expect(admin.role).toBe('admin');
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    const agent = request.agent(portal.app);
    const res = await attemptLogin(agent, 'admin', ADMIN_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console');
    expect(String(res.headers['set-cookie'])).toMatch(/IDAS_CONSOLE=.*Path=\/console.*HttpOnly.*SameSite=Strict/);
    expect((await agent.get('/console')).text).toContain('激活概览');
  });

  it('generates a first admin password when none is configured, to be printed once', async () => {
    const portal = makePortal();
    const password = portal.firstAdmin.generatedPassword!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    await portal.firstAdmin.ready;
    const res = await attemptLogin(request.agent(portal.app), 'admin', password);
    expect(res.status).toBe(303);
  });

  it('refuses a wrong password with one message for every cause and records the attempt', async () => {
    const portal = await makeConsolePortal();
    for (const [username, password] of [['admin', 'wrong-password'], ['nobody', ADMIN_PASSWORD]]) {
      const res = await attemptLogin(request.agent(portal.app), username!, password!);
      expect(res.status).toBe(401);
      expect(res.text).toContain('用户名或密码错误');
    }
    const rows = portal.db.prepare("SELECT actor, outcome FROM audit WHERE event = 'STAFF_LOGIN'").all();
    expect(rows).toEqual([{ actor: 'admin', outcome: 'error' }, { actor: 'nobody', outcome: 'error' }]);
  });

  it('locks a user name after repeated failures, even for the right password, until the lock ends', async () => {
    const portal = await makeConsolePortal({ CONSOLE_MAX_LOGIN_FAILURES: '3', CONSOLE_LOCK_MINUTES: '15' });
    const agent = request.agent(portal.app);
    await attemptLogin(agent, AGENT.username, 'wrong-1');
    await attemptLogin(agent, AGENT.username, 'wrong-2');
    const third = await attemptLogin(agent, AGENT.username, 'wrong-3');
    expect(third.status).toBe(429);
    expect(third.text).toContain('登录失败次数过多，请15分钟后再试');
    const right = await attemptLogin(agent, AGENT.username, AGENT.password);
    expect(right.status).toBe(429);
    portal.clock.advance(15 * 60_000 + 1);
    expect((await attemptLogin(agent, AGENT.username, AGENT.password)).status).toBe(303);
  });

  it('does not let a disabled staff member in', async () => {
    const portal = await makeConsolePortal();
    portal.store.staff.setDisabled(portal.store.staff.findByUsername(AGENT.username)!.id, true, portal.clock.now());
    const res = await attemptLogin(request.agent(portal.app), AGENT.username, AGENT.password);
    expect(res.status).toBe(401);
  });

  it('logs out with a CSRF-protected POST and the cookie no longer opens the console', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await agent.post('/console/logout').type('form').send({ _csrf: await consoleCsrf(agent) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/login?loggedOut=1');
    expect((await agent.get('/console/login?loggedOut=1')).text).toContain('已退出登录');
    const after = await agent.get('/console');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/console/login');
  });

  it('ends the session after the idle timeout and says why on the login page', async () => {
    const portal = await makeConsolePortal({ CONSOLE_IDLE_MINUTES: '10' });
    const agent = await signInAgent(portal);
    portal.clock.advance(9 * 60_000);
    expect((await agent.get('/console')).status).toBe(200);
    portal.clock.advance(9 * 60_000);
    expect((await agent.get('/console')).status).toBe(200);
    portal.clock.advance(10 * 60_000 + 1);
    const res = await agent.get('/console');
    expect(res.status).toBe(303);
    expect((await agent.get('/console/login')).text).toContain('超过10分钟未操作，已自动退出，请重新登录');
  });

  it('signs out a staff member who is disabled while signed in', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    portal.store.staff.setDisabled(portal.store.staff.findByUsername(AGENT.username)!.id, true, portal.clock.now());
    expect((await agent.get('/console')).status).toBe(303);
  });
});

describe('who can reach what', () => {
  it('sends anonymous visitors to the login page from every page', async () => {
    const portal = await makeConsolePortal();
    for (const path of [...STAFF_PAGES, ...ADMIN_PAGES]) {
      const res = await request(portal.app).get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location).toBe('/console/login');
    }
  });

  it('refuses anonymous form posts even with a valid console token, and changes nothing', async () => {
    const portal = await makeConsolePortal();
    const visitor = request.agent(portal.app);
    const _csrf = csrfFrom((await visitor.get('/console/login')).text);
    const posts = [
      [`/console/candidates/${demo.zhao.candidateNo}/actions/reset-activation`, { reason: 'x' }],
      ['/console/faults/on', { kind: 'sms_fail' }],
      ['/console/outbox/delete', {}],
      ['/console/staff', { username: 'intruder', displayName: 'x', role: 'admin', password: 'long-enough-1' }],
    ] as const;
    for (const [path, form] of posts) {
      const res = await visitor.post(path).type('form').send({ ...form, _csrf });
      expect(res.status, path).toBe(303);
      expect(res.headers.location).toBe('/console/login');
    }
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.status).toBe('active');
    expect(portal.store.faults.active()).toEqual([]);
    expect(portal.store.staff.findByUsername('intruder')).toBeUndefined();
  });

  it('never lets a candidate session in, not even with its cookie value copied into the console cookie', async () => {
    const portal = await makeConsolePortal();
    const candidate = await walkTo(portal, 'phone');
    expect((await candidate.get('/console')).headers.location).toBe('/console/login');
    // The candidate session is rolling, so every page sets its cookie again.
    const cookie = String((await candidate.get(`${A}/phone`)).headers['set-cookie'] ?? '');
    const sid = /JSESSIONID=([^;]+)/.exec(cookie)?.[1];
    expect(sid).toBeTruthy();
    const forged = await request(portal.app).get('/console').set('Cookie', `IDAS_CONSOLE=${sid}`);
    expect(forged.status).toBe(303);
    expect(forged.headers.location).toBe('/console/login');
  });

  it('lets agents see candidates and the outbox but not the admin pages', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    for (const path of STAFF_PAGES) expect((await agent.get(path)).status, path).toBe(200);
    for (const path of ADMIN_PAGES) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).toContain('您没有权限执行此操作');
    }
    const menu = (await agent.get('/console')).text;
    expect(menu).not.toContain('href="/console/staff"');
  });

  it('lets admins reach every page', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    for (const path of [...STAFF_PAGES, ...ADMIN_PAGES]) expect((await admin.get(path)).status, path).toBe(200);
  });

  it('refuses a POST without the console CSRF token and changes nothing', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const res = await admin.post(`/console/candidates/${demo.zhao.candidateNo}/actions/force-password-reset`).type('form').send({ reason: 'phone call' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('页面已过期，请刷新页面后重新提交');
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.must_reset_password).toBe(0);
    const login = await request(portal.app).post('/console/login').type('form').send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(403);
  });

  it('answers a POST carrying its token in the header but no form with the form’s own refusal, never 系统繁忙', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const token = await consoleCsrf(admin);
    const staffId = portal.store.staff.findByUsername(AGENT.username)!.id;
    const posts = [
      '/console/wecom/groups', `/console/candidates/${demo.zhao.candidateNo}/actions/unlock`, `/console/candidates/${demo.zhao.candidateNo}/wecom/second-auth-off`,
      '/console/scripts/locked', `/console/staff/${staffId}/password`, '/console/outbox/reveal', '/console/logout',
    ];
    for (const path of posts) {
      const res = await admin.post(path).set('X-CSRF-Token', token);
      expect(res.status, path).toBeLessThan(500);
      expect(res.text, path).not.toContain('系统繁忙');
    }
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.status).toBe('active');
  });

  it('answers an unknown console path with the console 404 page', async () => {
    const portal = await makeConsolePortal();
    const agent = await signIn(portal, AGENT.username, AGENT.password);
    const res = await agent.get('/console/nothing-here');
    expect(res.status).toBe(404);
    expect(res.text).toContain('您访问的页面不存在');
    expect(res.text).toContain('服务台控制台');
  });
});
