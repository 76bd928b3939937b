import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { latestCodeTo, makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { A, postForm, walkTo } from '../../support/activation.ts';

const AUTH = `Bearer ${TEST_API_TOKEN}`;

describe('GET /api/v1/messages', () => {
  it('lists the SMS sent to a number, newest first, with the code pulled out', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    await postForm(agent, `${A}/phone/code`, { phone: '13800001234' }, `${A}/phone`);
    const first = latestCodeTo(portal, '13800001234');
    portal.clock.advance(2 * 60_000);
    await postForm(agent, `${A}/phone/code`, { phone: '13800001234' }, `${A}/phone`);
    const second = latestCodeTo(portal, '13800001234');

    const res = await request(portal.app).get('/api/v1/messages').query({ to: '13800001234' }).set('Authorization', AUTH);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body.map((m: { code: string }) => m.code)).toEqual([second, first]);
    expect(res.body[0]).toMatchObject({
      channel: 'sms', to: '13800001234', subject: null,
      text: `【电子科技大学】您的验证码为${second}，5分钟内有效，请勿泄露。`,
      createdAt: new Date(portal.clock.now()).toISOString(),
    });
    expect(res.body[0].id).toBeGreaterThan(res.body[1].id);
  });

  it('lists emails with their subject and code', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    await postForm(agent, `${A}/email/code`, { email: 'zw@example.com' }, `${A}/email`);
    const res = await request(portal.app).get('/api/v1/messages?to=zw@example.com').set('Authorization', AUTH);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      channel: 'email', to: 'zw@example.com', subject: '【电子科技大学】统一身份认证邮箱验证码', code: latestCodeTo(portal, 'zw@example.com'),
    });
    // An address is one mailbox however it is spelt.
    const upper = await request(portal.app).get('/api/v1/messages?to=ZW@Example.COM').set('Authorization', AUTH);
    expect(upper.body).toEqual(res.body);
  });

  it('answers an empty list for an address with no messages, and 400 without ?to=', async () => {
    const portal = makePortal();
    const none = await request(portal.app).get('/api/v1/messages?to=13999999999').set('Authorization', AUTH);
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);
    const missing = await request(portal.app).get('/api/v1/messages').set('Authorization', AUTH);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(missing.body.fields)).toEqual(['to']);
  });

  it('answers 404 as JSON for an unknown API path', async () => {
    const portal = makePortal();
    const res = await request(portal.app).get('/api/v1/nothing').set('Authorization', AUTH);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
