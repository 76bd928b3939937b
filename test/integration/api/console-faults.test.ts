import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN, messagesOf } from '../../support/portal.ts';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

describe('/api/v1/faults', () => {
  it('switches faults on and off; messaging honours them', async () => {
    const portal = makePortal();
    const on = await request(portal.app).put('/api/v1/faults/phone_daily_cap').set(auth).send({ target: '13800138001' });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ kind: 'phone_daily_cap', target: '13800138001', createdBy: 'api' });
    const candidate = await walkTo(portal, 'phone');
    const refused = await postForm(candidate, `${A}/phone/code`, { phone: '13800138001' }, `${A}/phone`);
    expect(messagesOf(refused.text)).toContain('今日获取验证码次数已达上限，请明天再试');
    expect((await request(portal.app).get('/api/v1/faults').set(auth)).body).toHaveLength(1);
    expect((await request(portal.app).delete('/api/v1/faults/phone_daily_cap?target=13800138001').set(auth)).status).toBe(204);
    const sent = await postForm(candidate, `${A}/phone/code`, { phone: '13800138001' }, `${A}/phone`);
    expect(messagesOf(sent.text)).toContain('验证码已发送至138****8001，5分钟内有效');
  });

  it('hides a delayed SMS from /messages until it arrives', async () => {
    const portal = makePortal();
    await request(portal.app).put('/api/v1/faults/sms_delay').set(auth).send({ seconds: 60 });
    const candidate = await walkTo(portal, 'phone');
    await postForm(candidate, `${A}/phone/code`, { phone: '13800138001' }, `${A}/phone`);
    expect((await request(portal.app).get('/api/v1/messages/latest?to=13800138001').set(auth)).status).toBe(404);
    portal.clock.advance(60_000);
    expect((await request(portal.app).get('/api/v1/messages/latest?to=13800138001').set(auth)).body.code).toMatch(/^\d{6}$/);
  });

  it('refuses unknown kinds and bad parameters, and switches all off at once', async () => {
    const portal = makePortal();
    expect((await request(portal.app).put('/api/v1/faults/flood').set(auth).send({})).status).toBe(404);
    const bad = await request(portal.app).put('/api/v1/faults/sms_delay').set(auth).send({ seconds: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.seconds.code).toBe('FAULT_SECONDS_RANGE');
    expect((await request(portal.app).put('/api/v1/faults/not_a_candidate').set(auth).send({ target: '106140000000000' })).status).toBe(404);
    await request(portal.app).put('/api/v1/faults/not_a_candidate').set(auth).send({ target: demo.zhou.candidateNo });
    await request(portal.app).put('/api/v1/faults/email_fail').set(auth);
    expect(portal.store.candidates.findByCandidateNo(demo.zhou.candidateNo)!.account_type).toBe('student');
    expect((await request(portal.app).delete('/api/v1/faults').set(auth)).body).toEqual({ switchedOff: 2 });
    expect(portal.store.candidates.findByCandidateNo(demo.zhou.candidateNo)!.account_type).toBe('candidate');
    expect((await request(portal.app).delete('/api/v1/faults/email_fail').set(auth)).status).toBe(404);
    expect((await request(portal.app).get('/api/v1/faults')).status).toBe(401);
  });
});
