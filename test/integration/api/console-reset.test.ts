import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { demoActivated } from '../../../src/data/demoRoster.ts';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { A, walkTo } from '../../support/activation.ts';
import { makeConsolePortal, signInAgent } from '../console/consoleSupport.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

describe('POST /api/v1/reset', () => {
  it('returns to the demo data and ends candidate sessions, keeping staff signed in', async () => {
    const portal = await makeConsolePortal();
    const staff = await signInAgent(portal);
    const candidate = await walkTo(portal, 'done', { phone: '13800138001', email: 'zw@example.com' });
    await request(portal.app).post('/api/v1/roster/import').set(auth).send([{ candidateNo: '106146510200001', name: '孙浩然', idType: 'resident_id', idNumber: '510107200103151618' }]);
    await request(portal.app).put('/api/v1/faults/sms_fail').set(auth);
    const demoService = portal.store.services.list()[0]!;
    await request(portal.app).delete(`/api/v1/services/${demoService.id}`).set(auth);
    const res = await request(portal.app).post('/api/v1/reset').set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ candidates: 12, services: 1 });
    expect(portal.store.services.findByName(demoService.name)).toBeDefined();
    const rows = portal.store.candidates;
    expect(rows.count()).toBe(12);
    expect(rows.findByCandidateNo('106146510100001')!.status).toBe('pending');
    expect(rows.findByCandidateNo(demoActivated.candidateNo)).toMatchObject({ status: 'active', phone: demoActivated.phone });
    expect(portal.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(portal.store.faults.active()).toEqual([]);
    expect((await candidate.get(`${A}/done`)).headers.location).toBe(A);
    expect((await staff.get('/console')).status).toBe(200);
  });

  it('needs the token', async () => {
    const portal = makePortal();
    expect((await request(portal.app).post('/api/v1/reset')).status).toBe(401);
  });
});
