import { describe, expect, it } from 'vitest';
import { walkTo } from '../../support/activation.ts';
import { consoleCsrf, makeConsolePortal, signInAdmin, signInAgent } from './consoleSupport.ts';

describe('消息记录', () => {
  it('lists every SMS and email, newest first, and filters by recipient', async () => {
    const portal = await makeConsolePortal();
    await walkTo(portal, 'password', { phone: '13800138001', email: 'zw@example.com' });
    const agent = await signInAgent(portal);
    const all = (await agent.get('/console/outbox')).text;
    expect(all).toContain('共2条');
    expect(all.indexOf('z***@example.com')).toBeLessThan(all.indexOf('138****8001'));
    const filtered = (await agent.get('/console/outbox?to=13800138001')).text;
    expect(filtered).toContain('共1条');
    expect(filtered).not.toContain('z***@example.com');
  });

  it('masks recipients and codes for every staff member until 显示, which is recorded', async () => {
    const portal = await makeConsolePortal();
    await walkTo(portal, 'password', { phone: '13800138001', email: 'zw@example.com' });
    const code = /验证码为(\d{6})/.exec(portal.store.outbox.listTo('13800138001', 1)[0]!.text)![1]!;
    for (const signInAs of [signInAgent, signInAdmin]) {
      const staff = await signInAs(portal);
      const masked = (await staff.get('/console/outbox')).text;
      expect(masked).toContain('138****8001');
      expect(masked).toContain('您的验证码为******');
      expect(masked).not.toContain('13800138001');
      expect(masked).not.toContain(code);
    }
    const agent = await signInAgent(portal);
    const shown = await agent.post('/console/outbox/reveal').type('form').send({ to: '13800138001', _csrf: await consoleCsrf(agent, '/console/outbox') });
    expect(shown.status).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.text).toContain(`您的验证码为${code}`);
    expect(shown.text).toContain('>13800138001</a>');
    expect(shown.text).not.toContain('zw@example.com');
    const audit = portal.db.prepare("SELECT actor, params FROM audit WHERE event = 'STAFF_OUTBOX_REVEAL'").get() as { actor: string; params: string };
    expect(audit.actor).toBe('wang');
    expect(JSON.parse(audit.params)).toMatchObject({ to: '13800138001', count: 1, staffName: '王老师' });
    // The next look is masked again.
    expect((await agent.get('/console/outbox')).text).not.toContain(code);
  });

  it('masks one email\'s page and its framed HTML until that message is shown', async () => {
    const portal = await makeConsolePortal();
    await walkTo(portal, 'password', { phone: '13800138001', email: 'zw@example.com' });
    const mail = portal.store.outbox.listTo('zw@example.com', 1)[0]!;
    const code = /验证码为：?(\d{6})/.exec(mail.text)![1]!;
    const agent = await signInAgent(portal);
    const page = (await agent.get(`/console/outbox/${mail.id}`)).text;
    expect(page).toContain('z***@example.com');
    expect(page).not.toContain(code);
    expect((await agent.get(`/console/outbox/${mail.id}/html`)).text).not.toContain(code);
    const shown = await agent.post(`/console/outbox/${mail.id}/reveal`).type('form').send({ _csrf: await consoleCsrf(agent, `/console/outbox/${mail.id}`) });
    expect(shown.text).toContain('zw@example.com');
    expect(shown.text).toContain(code);
    expect((await agent.get(`/console/outbox/${mail.id}/html`)).text).toContain(code);
    expect(JSON.parse(String(portal.db.prepare("SELECT params FROM audit WHERE event = 'STAFF_OUTBOX_REVEAL'").pluck().get()))).toMatchObject({ messageId: mail.id, to: 'zw@example.com' });
  });

  it('keeps the 查询 button on the filter\'s line (one form, no wrapping)', async () => {
    const portal = await makeConsolePortal();
    const html = (await (await signInAgent(portal)).get('/console/outbox')).text;
    expect(html).toContain('<form class="c-search c-search-line"');
  });

  it('shows an email in a sandboxed frame whose own response is a CSP sandbox', async () => {
    const portal = await makeConsolePortal();
    const id = portal.store.outbox.add({
      channel: 'email', recipient: 'x@example.com', subject: '测试邮件', text: 'plain',
      html: '<p>hello</p><script>parent.document.title="owned"</script>', now: portal.clock.now(),
    });
    const agent = await signInAgent(portal);
    const page = await agent.get(`/console/outbox/${id}`);
    expect(page.text).toMatch(new RegExp(`<iframe class="c-mail" sandbox src="/console/outbox/${id}/html"`));
    expect(page.text).not.toContain('<script>parent');
    const html = await agent.get(`/console/outbox/${id}/html`);
    expect(html.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(html.text).toContain('<p>hello</p>');
    expect((await agent.get('/console/outbox/999999/html')).status).toBe(404);
  });

  it('lets an admin delete all messages (or one recipient\'s) and records it', async () => {
    const portal = await makeConsolePortal();
    const now = portal.clock.now();
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138001', text: 'a', now });
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138002', text: 'b', now });
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138002', text: 'c', now });
    const admin = await signInAdmin(portal);
    const one = await admin.post('/console/outbox/delete').type('form').send({ to: '13800138002', _csrf: await consoleCsrf(admin, '/console/outbox') });
    expect((await admin.get(one.headers.location!)).text).toContain('已删除2条消息');
    await admin.post('/console/outbox/delete').type('form').send({ _csrf: await consoleCsrf(admin, '/console/outbox') });
    expect(portal.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(portal.db.prepare("SELECT actor FROM audit WHERE event = 'STAFF_OUTBOX_DELETE'").all()).toEqual([{ actor: 'admin' }, { actor: 'admin' }]);
  });

  it('does not let an agent delete messages', async () => {
    const portal = await makeConsolePortal();
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138001', text: 'a', now: portal.clock.now() });
    const agent = await signInAgent(portal);
    const res = await agent.post('/console/outbox/delete').type('form').send({ _csrf: await consoleCsrf(agent, '/console/outbox') });
    expect(res.status).toBe(403);
    expect(portal.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });
});
