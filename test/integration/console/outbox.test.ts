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
    expect(all.indexOf('zw@example.com')).toBeLessThan(all.indexOf('13800138001'));
    expect(all).toMatch(/您的验证码为\d{6}/);
    const filtered = (await agent.get('/console/outbox?to=13800138001')).text;
    expect(filtered).toContain('共1条');
    expect(filtered).not.toContain('zw@example.com');
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
