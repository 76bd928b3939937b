import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { demo, GOOD_PASSWORD } from '../../support/activation.ts';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { logIn } from '../cas/helpers.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };
const body = { password: GOOD_PASSWORD, phone: '13800006001', email: 'zhangwei@example.com' };

describe('POST /api/v1/candidates/:candidateNo/activate', () => {
  it('puts a roster candidate straight into active, hashed with argon2id, audited as done through the API; the login works', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).set(auth).send(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ candidateNo: demo.zhang.candidateNo, status: 'active', phone: '13800006001', email: 'zhangwei@example.com', activatedAt: expect.any(String) });
    const row = portal.store.candidates.findByCandidateNo(demo.zhang.candidateNo)!;
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = portal.db.prepare("SELECT actor, outcome FROM audit WHERE event = 'ACTIVATED' AND candidate_no = ?").get(demo.zhang.candidateNo);
    expect(audit).toEqual({ actor: 'api', outcome: 'ok' });
    await logIn(request.agent(portal.app), { username: demo.zhang.candidateNo, password: GOOD_PASSWORD });
    expect(portal.db.prepare("SELECT outcome FROM audit WHERE event = 'LOGIN' AND candidate_no = ?").pluck().get(demo.zhang.candidateNo)).toBe('ok');
  });

  it('applies the password policy, reporting the failed rules in Chinese, and changes nothing', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).set(auth).send({ ...body, password: 'abc123' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields.password.code).toBe('PASSWORD_WEAK');
    expect(res.body.fields.password.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(portal.store.candidates.findByCandidateNo(demo.zhang.candidateNo)?.status).toBe('pending');
  });

  it('checks phone and email formats, and refuses unknown fields', async () => {
    const portal = makePortal();
    const bad = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).set(auth).send({ ...body, phone: '12345', email: 'no-at-sign' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toMatchObject({ phone: { code: 'PHONE_FORMAT' }, email: { code: 'EMAIL_FORMAT' } });
    const extra = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).set(auth).send({ ...body, status: 'active' });
    expect(extra.status).toBe(400);
    expect(extra.body.fields.status.code).toBe('UNKNOWN_FIELD');
    const notJson = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).set(auth).type('form').send(body);
    expect(notJson.status).toBe(415);
  });

  it('keeps one account per phone and per address', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).set(auth).send({ ...body, phone: '13800138009' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'PHONE_TAKEN', fields: { phone: { code: 'PHONE_TAKEN' } } });
    const email = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).set(auth).send({ ...body, email: 'zhaolei@example.com' });
    expect(email.body.code).toBe('EMAIL_TAKEN');
  });

  it('refuses clearly an account already active, a current student and an unknown 考生号', async () => {
    const portal = makePortal();
    const active = await request(portal.app).post(`/api/v1/candidates/${demo.zhao.candidateNo}/activate`).set(auth).send(body);
    expect(active.status).toBe(409);
    expect(active.body).toEqual({ code: 'ALREADY_ACTIVATED', message: '该账号已激活，请直接登录或使用忘记密码' });
    const student = await request(portal.app).post(`/api/v1/candidates/${demo.liu.candidateNo}/activate`).set(auth).send(body);
    expect(student.status).toBe(409);
    expect(student.body.code).toBe('NOT_A_CANDIDATE');
    const unknown = await request(portal.app).post('/api/v1/candidates/106146510199999/activate').set(auth).send(body);
    expect(unknown.status).toBe(404);
    expect((await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/activate`).send(body)).status).toBe(401);
  });
});
