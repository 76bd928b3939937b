import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };
const good = [
  { candidateNo: '106146510200001', name: '孙浩然', idType: '居民身份证', idNumber: '510107200103151618', department: '信息与通信工程学院' },
  { candidateNo: '106146510200005', name: 'maria garcia', idType: 'passport', idNumber: 'pa1234567', accountType: '考生' },
];

describe('POST /api/v1/roster/import', () => {
  it('imports a JSON array all at once, normalising as the identity page does', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post('/api/v1/roster/import').set(auth).send(good);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: true, rows: 2, inserted: 2, updated: 0, unchanged: 0, errorCount: 0, errors: [] });
    expect(portal.store.candidates.findByCandidateNo('106146510200005')).toMatchObject({ name: 'MARIA GARCIA', id_number: 'PA1234567', id_type: 'passport' });
  });

  it('validates and counts without writing on dryRun', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post('/api/v1/roster/import?dryRun=true').set(auth).send(good);
    expect(res.body).toMatchObject({ imported: false, inserted: 2 });
    expect(portal.store.candidates.count()).toBe(12);
  });

  it('changes nothing when any row is refused and says which, where and why', async () => {
    const portal = makePortal();
    const rows = [...good, { candidateNo: '106146510200009', name: '王五', idType: 'resident_id', idNumber: '510107200103151619' }];
    const res = await request(portal.app).post('/api/v1/roster/import').set(auth).send(rows);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ imported: false, errorCount: 1, errors: [{ line: 3, field: 'idNumber', code: 'ID_NUMBER_CHECKSUM' }] });
    expect(res.body.errors[0].message).toContain('证件号码校验位不正确');
    expect(portal.store.candidates.count()).toBe(12);
  });

  it('refuses something that is not an array of rows, and needs the token', async () => {
    const portal = makePortal();
    expect((await request(portal.app).post('/api/v1/roster/import').set(auth).send({ candidateNo: '1' })).status).toBe(400);
    expect((await request(portal.app).post('/api/v1/roster/import').set(auth).send([{ candidateNo: '1', phone: '138' }])).body.fields.phone.code).toBe('UNKNOWN_FIELD');
    expect((await request(portal.app).post('/api/v1/roster/import').send(good)).status).toBe(401);
    expect(portal.store.candidates.count()).toBe(12);
  });
});
