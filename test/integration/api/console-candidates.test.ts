import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { demoActivated } from '../../../src/data/demoRoster.ts';
import { demo } from '../../support/activation.ts';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { lockFor } from '../../support/limits.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

describe('/api/v1/candidates (console additions)', () => {
  it('needs the bearer token on every endpoint', async () => {
    const portal = makePortal();
    const calls = [
      request(portal.app).get('/api/v1/candidates'),
      request(portal.app).patch(`/api/v1/candidates/${demo.zhang.candidateNo}`).send({ major: 'x' }),
      request(portal.app).delete(`/api/v1/candidates/${demo.zhang.candidateNo}`),
      request(portal.app).post(`/api/v1/candidates/${demo.zhao.candidateNo}/reset`),
      request(portal.app).post(`/api/v1/candidates/${demo.zhao.candidateNo}/actions/unlock`).set('Authorization', 'Bearer wrong-token-000000000'),
    ];
    for (const call of calls) {
      const res = await call;
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    }
    expect(portal.store.candidates.count()).toBe(12);
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.status).toBe('active');
  });

  it('lists and searches the roster with paging and status filters', async () => {
    const portal = makePortal();
    const all = await request(portal.app).get('/api/v1/candidates?limit=5&offset=5').set(auth);
    expect(all.body.total).toBe(12);
    expect(all.body.items.map((c: { candidateNo: string }) => c.candidateNo)).toEqual(['106146510100006', '106146510100007', '106146510100008', '106146510100009', '106146510100010']);
    const active = await request(portal.app).get('/api/v1/candidates?status=active').set(auth);
    expect(active.body).toMatchObject({ total: 1, items: [{ candidateNo: demo.zhao.candidateNo, phone: demoActivated.phone }] });
    const byPhone = await request(portal.app).get(`/api/v1/candidates?q=${demoActivated.phone}`).set(auth);
    expect(byPhone.body.total).toBe(1);
    const bad = await request(portal.app).get('/api/v1/candidates?status=asleep&limit=0').set(auth);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['status', 'limit']);
  });

  it('updates roster fields with the identity rules, never credentials, and records it', async () => {
    const portal = makePortal();
    const res = await request(portal.app).patch(`/api/v1/candidates/${demo.zhao.candidateNo}`).set(auth)
      .send({ major: '软件工程', idType: '居民身份证', name: '赵　磊' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '赵磊', major: '软件工程', status: 'active', phone: demoActivated.phone });
    const row = portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!;
    expect(row.password_hash).toBe(demoActivated.passwordHash);
    const audit = portal.db.prepare("SELECT actor, params FROM audit WHERE event = 'CANDIDATE_UPDATED'").get();
    expect(audit).toEqual({ actor: 'api', params: JSON.stringify({ fields: 'name,idType,major' }) });
    const bad = await request(portal.app).patch(`/api/v1/candidates/${demo.zhang.candidateNo}`).set(auth).send({ idNumber: '510107200103151627' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.idNumber.message).toContain('校验位不正确');
    const unknown = await request(portal.app).patch(`/api/v1/candidates/${demo.zhang.candidateNo}`).set(auth).send({ phone: '13800138000' });
    expect(unknown.status).toBe(400);
    expect(portal.store.candidates.findByCandidateNo(demo.zhang.candidateNo)!.phone).toBeNull();
  });

  it('deletes a candidate with its codes and keeps the audit trail by 考生号', async () => {
    const portal = makePortal();
    const res = await request(portal.app).delete(`/api/v1/candidates/${demo.zhang.candidateNo}`).set(auth);
    expect(res.status).toBe(204);
    expect(portal.store.candidates.findByCandidateNo(demo.zhang.candidateNo)).toBeUndefined();
    expect(portal.db.prepare("SELECT candidate_no FROM audit WHERE event = 'CANDIDATE_DELETED'").get()).toEqual({ candidate_no: demo.zhang.candidateNo });
    expect((await request(portal.app).delete(`/api/v1/candidates/${demo.zhang.candidateNo}`).set(auth)).status).toBe(404);
  });

  it('resets a candidate to a fresh pending account: credentials cleared, sessions ended, locks lifted', async () => {
    const portal = makePortal();
    const zhao = portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!;
    const now = portal.clock.now();
    portal.store.ssoSessions.create({ id: 'TGT-api', candidateId: zhao.id, now, expiresAt: now + 60_000 });
    lockFor(portal, 'login', zhao.candidate_no, now + 60_000);
    const res = await request(portal.app).post(`/api/v1/candidates/${demo.zhao.candidateNo}/reset`).set(auth).send({ reason: 'e2e setup' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', phone: null, email: null, activatedAt: null });
    expect(portal.store.ssoSessions.findById('TGT-api')!.ended_at).toBe(now);
    const events = portal.db.prepare("SELECT event, actor, params FROM audit WHERE event LIKE 'STAFF_%'").all();
    expect(events).toEqual([
      { event: 'STAFF_RESET_ACTIVATION', actor: 'api', params: JSON.stringify({ reason: 'e2e setup' }) },
      { event: 'STAFF_UNLOCK', actor: 'api', params: JSON.stringify({ reason: 'e2e setup' }) },
    ]);
    const again = await request(portal.app).post(`/api/v1/candidates/${demo.zhao.candidateNo}/reset`).set(auth);
    expect(again.status).toBe(200);
  });

  it('runs help-desk actions and answers 409 with the reason when one does not apply', async () => {
    const portal = makePortal();
    const done = await request(portal.app).post(`/api/v1/candidates/${demo.zhao.candidateNo}/actions/force-password-reset`).set(auth).send({ reason: 'drill' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ code: 'ACTION_DONE_force-password-reset', candidate: { candidateNo: demo.zhao.candidateNo } });
    expect(portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!.must_reset_password).toBe(1);
    const refused = await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/actions/unlock`).set(auth);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ACTION_NOT_LOCKED', message: '该考生当前没有被锁定' });
    expect((await request(portal.app).post(`/api/v1/candidates/${demo.zhang.candidateNo}/actions/explode`).set(auth)).status).toBe(404);
  });
});
