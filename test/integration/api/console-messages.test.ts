import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { walkTo } from '../../support/activation.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

describe('/api/v1/messages (console additions)', () => {
  it('lists one recipient\'s messages with paging, keeping the original shape', async () => {
    const portal = makePortal();
    await walkTo(portal, 'password', { phone: '13800138001', email: 'zw@example.com' });
    const paged = await request(portal.app).get('/api/v1/messages?to=ZW@example.com&limit=1&offset=0').set(auth);
    expect(paged.body.map((m: { to: string }) => m.to)).toEqual(['zw@example.com']);
    expect((await request(portal.app).get('/api/v1/messages?to=zw@example.com&offset=1').set(auth)).body).toEqual([]);
    const sms = await request(portal.app).get('/api/v1/messages?to=13800138001').set(auth);
    expect(sms.body).toHaveLength(1);
    expect(Object.keys(sms.body[0])).toEqual(['id', 'channel', 'to', 'subject', 'text', 'code', 'delivery', 'createdAt']);
  });

  it('returns the newest code to a recipient, skipping messages without one', async () => {
    const portal = makePortal();
    const now = portal.clock.now();
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138001', text: '【电子科技大学】您的验证码为111111，5分钟内有效，请勿泄露。', now });
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138001', text: '【电子科技大学】您的验证码为222222，5分钟内有效，请勿泄露。', now });
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138001', text: '您的账号已激活', now });
    const res = await request(portal.app).get('/api/v1/messages/latest?to=13800138001').set(auth);
    expect(res.status).toBe(200);
    expect(res.body.code).toBe('222222');
    expect((await request(portal.app).get('/api/v1/messages/latest?to=13900000000').set(auth)).status).toBe(404);
    expect((await request(portal.app).get('/api/v1/messages/latest').set(auth)).status).toBe(400);
  });

  it('deletes one recipient\'s messages or all of them', async () => {
    const portal = makePortal();
    const now = portal.clock.now();
    for (const to of ['13800138001', '13800138002', '13800138002']) portal.store.outbox.add({ channel: 'sms', recipient: to, text: 'x', now });
    expect((await request(portal.app).delete('/api/v1/messages?to=13800138002').set(auth)).body).toEqual({ deleted: 2 });
    expect((await request(portal.app).delete('/api/v1/messages').set(auth)).body).toEqual({ deleted: 1 });
    expect((await request(portal.app).delete('/api/v1/messages')).status).toBe(401);
  });
});
