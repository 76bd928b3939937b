import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { csrfFrom } from '../../support/portal.ts';
import { AGENT, consoleCsrf, makeConsolePortal, signIn, signInAdmin, signInAgent } from './consoleSupport.ts';

describe('员工账号', () => {
  it('lets an admin create a staff member who can then sign in, and records it', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const res = await admin.post('/console/staff').type('form').send({ username: 'li.trainer', displayName: '李老师', role: 'admin', password: 'Trainer-pass-1', _csrf: await consoleCsrf(admin, '/console/staff') });
    expect(res.status).toBe(303);
    expect((await admin.get('/console/staff')).text).toContain('李老师');
    const created = portal.store.staff.findByUsername('li.trainer')!;
    expect(created.password_hash).toMatch(/^\$argon2id\$/);
    expect((await (await signIn(portal, 'li.trainer', 'Trainer-pass-1')).get('/console/staff')).status).toBe(200);
    expect(portal.db.prepare("SELECT actor FROM audit WHERE event = 'STAFF_CREATED'").get()).toEqual({ actor: 'admin' });
  });

  it('refuses a taken or malformed user name, a missing name and a short password', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const csrf = await consoleCsrf(admin, '/console/staff');
    const res = await admin.post('/console/staff').type('form').send({ username: AGENT.username, displayName: '', role: 'boss', password: 'short', _csrf: csrf });
    expect(res.status).toBe(400);
    for (const m of ['该用户名已存在', '请输入姓名', '请选择角色', '密码至少10位']) expect(res.text).toContain(m);
    const bad = await admin.post('/console/staff').type('form').send({ username: 'a b', displayName: 'x', role: 'agent', password: 'long-enough-1', _csrf: csrf });
    expect(bad.text).toContain('用户名应为3-32位字母');
    expect(portal.store.staff.count()).toBe(2);
  });

  it('changes roles, disables and re-enables, and sets passwords', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const wang = portal.store.staff.findByUsername(AGENT.username)!;
    const csrf = await consoleCsrf(admin, '/console/staff');
    await admin.post(`/console/staff/${wang.id}/role`).type('form').send({ role: 'admin', _csrf: csrf });
    expect(portal.store.staff.findById(wang.id)!.role).toBe('admin');
    await admin.post(`/console/staff/${wang.id}/disabled`).type('form').send({ disabled: '1', _csrf: csrf });
    expect(portal.store.staff.findById(wang.id)!.disabled).toBe(1);
    await admin.post(`/console/staff/${wang.id}/disabled`).type('form').send({ disabled: '0', _csrf: csrf });
    await admin.post(`/console/staff/${wang.id}/password`).type('form').send({ password: 'Brand-new-pass-9', _csrf: csrf });
    const login = request.agent(portal.app);
    const page = await login.get('/console/login');
    expect((await login.post('/console/login').type('form').send({ username: AGENT.username, password: 'Brand-new-pass-9', _csrf: csrfFrom(page.text) })).status).toBe(303);
  });

  it('always keeps one enabled admin', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const me = portal.store.staff.findByUsername('admin')!;
    const csrf = await consoleCsrf(admin, '/console/staff');
    const demote = await admin.post(`/console/staff/${me.id}/role`).type('form').send({ role: 'agent', _csrf: csrf });
    expect(demote.status).toBe(409);
    expect(demote.text).toContain('至少需要保留一名启用的管理员');
    expect((await admin.post(`/console/staff/${me.id}/disabled`).type('form').send({ disabled: '1', _csrf: csrf })).status).toBe(409);
    expect(portal.store.staff.findById(me.id)).toMatchObject({ role: 'admin', disabled: 0 });
  });

  it('never offers the sole enabled admin 停用 or another role, and offers them once there is a second admin', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const me = portal.store.staff.findByUsername('admin')!;
    const sole = (await admin.get('/console/staff')).text;
    expect(sole).not.toContain(`action="/console/staff/${me.id}/disabled"`);
    expect(sole).not.toContain(`action="/console/staff/${me.id}/role"`);
    expect(sole).toContain('唯一的启用管理员');
    const wang = portal.store.staff.findByUsername(AGENT.username)!;
    expect(sole).toContain(`action="/console/staff/${wang.id}/disabled"`);
    await admin.post(`/console/staff/${wang.id}/role`).type('form').send({ role: 'admin', _csrf: await consoleCsrf(admin, '/console/staff') });
    const two = (await admin.get('/console/staff')).text;
    expect(two).toContain(`action="/console/staff/${me.id}/disabled"`);
    expect(two).not.toContain('唯一的启用管理员');
  });

  it('setting a member\'s password ends all their console sessions', async () => {
    const portal = await makeConsolePortal();
    const first = await signInAgent(portal);
    const second = await signInAgent(portal);
    const other = await signInAdmin(portal);
    const admin = await signInAdmin(portal);
    const wang = portal.store.staff.findByUsername(AGENT.username)!;
    const res = await admin.post(`/console/staff/${wang.id}/password`).type('form').send({ password: 'Brand-new-pass-9', _csrf: await consoleCsrf(admin, '/console/staff') });
    expect((await admin.get(res.headers.location!)).text).toContain('已设置新密码，并结束了该员工的2个控制台会话');
    for (const agent of [first, second]) {
      const page = await agent.get('/console/candidates');
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/console/login');
    }
    expect((await other.get('/console/candidates')).status).toBe(200);
    expect(JSON.parse(String(portal.db.prepare("SELECT params FROM audit WHERE event = 'STAFF_PASSWORD_SET'").pluck().get()))).toMatchObject({ username: 'wang', sessionsEnded: 2 });
  });

  it('changing one\'s own password keeps the current session under a new id and ends the others', async () => {
    const portal = await makeConsolePortal();
    const elsewhere = await signInAdmin(portal);
    const admin = await signInAdmin(portal);
    const me = portal.store.staff.findByUsername('admin')!;
    const sids = () => portal.db.prepare("SELECT sid FROM sessions WHERE json_extract(data, '$.staff.id') = ?").pluck().all(me.id) as string[];
    const before = sids();
    expect(before).toHaveLength(2);
    const res = await admin.post(`/console/staff/${me.id}/password`).type('form').send({ password: 'My-own-new-pass-1', _csrf: await consoleCsrf(admin, '/console/staff') });
    expect(res.status).toBe(303);
    expect(String(res.headers['set-cookie'])).toContain('IDAS_CONSOLE=');
    const after = sids();
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
    expect((await admin.get('/console/staff')).status).toBe(200);
    expect((await elsewhere.get('/console/staff')).status).toBe(303);
  });

  it('is for admins only', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await agent.post('/console/staff').type('form').send({ username: 'x-agent', displayName: 'x', role: 'admin', password: 'long-enough-1', _csrf: await consoleCsrf(agent, '/console') });
    expect(res.status).toBe(403);
    expect(portal.store.staff.findByUsername('x-agent')).toBeUndefined();
  });
});
