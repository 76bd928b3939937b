import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { demo, walkTo, postForm, A } from '../../support/activation.ts';
import { candidate } from '../../support/activationChecks.ts';

const AUTH = `Bearer ${TEST_API_TOKEN}`;
const NEW = {
  candidateNo: '106146510100123',
  name: '孙悦',
  idType: 'resident_id',
  idNumber: '51010719990101118X',
  department: '计算机科学与工程学院',
  major: '软件工程',
};

describe('API authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer wrong-token-0123456789'],
    ['the right token without Bearer', TEST_API_TOKEN],
  ])('answers 401 with %s', async (_label, header) => {
    const portal = makePortal();
    for (const req of [
      request(portal.app).get(`/api/v1/candidates/${demo.zhang.candidateNo}`),
      request(portal.app).post('/api/v1/candidates').send(NEW),
      request(portal.app).get('/api/v1/messages?to=13800138000'),
    ]) {
      const res = await (header ? req.set('Authorization', header) : req);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 'UNAUTHORIZED', message: '缺少或无效的访问令牌' });
    }
    expect(portal.store.candidates.findByCandidateNo(NEW.candidateNo)).toBeUndefined();
  });
});

describe('POST /api/v1/candidates', () => {
  it('creates a candidate and answers 201 with the record', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post('/api/v1/candidates').set('Authorization', AUTH).send({ ...NEW, idNumber: '51010719990101118x' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      candidateNo: NEW.candidateNo, name: '孙悦', idType: 'resident_id', idNumber: '51010719990101118X',
      department: NEW.department, major: NEW.major, accountType: 'candidate',
      status: 'pending', phone: null, email: null, activatedAt: null,
    });
    expect(candidate(portal, NEW.candidateNo).id_number).toBe('51010719990101118X');
    // The new candidate can activate at once.
    const agent = await walkTo(portal, 'identity');
    const checked = await postForm(agent, `${A}/identity`, { candidateNo: NEW.candidateNo, name: NEW.name, idType: NEW.idType, idNumber: NEW.idNumber });
    expect(checked.status).toBe(303);
  });

  it('accepts a record without department and major', async () => {
    const portal = makePortal();
    const { department: _d, major: _m, ...bare } = NEW;
    const res = await request(portal.app).post('/api/v1/candidates').set('Authorization', AUTH).send(bare);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ department: null, major: null });
  });

  it('answers 409 for a candidate number that exists, and keeps the old record', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post('/api/v1/candidates').set('Authorization', AUTH)
      .send({ ...NEW, candidateNo: demo.zhang.candidateNo });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ALREADY_EXISTS');
    expect(candidate(portal, demo.zhang.candidateNo).name).toBe('张伟');
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a bad candidateNo', { candidateNo: '12345' }, { candidateNo: 'CANDIDATE_NO_FORMAT' }],
    ['another school\'s candidateNo', { candidateNo: '106106510100123' }, { candidateNo: 'CANDIDATE_NO_INSTITUTION' }],
    ['a bad check digit', { idNumber: '510107199901011181' }, { idNumber: 'ID_NUMBER_CHECKSUM' }],
    ['an unknown idType', { idType: 'military_id' }, { idType: 'INVALID' }],
    ['an unknown extra field', { nickname: 'x' }, { nickname: 'UNKNOWN_FIELD' }],
    ['a number for a string', { candidateNo: 106146510100123 }, { candidateNo: 'INVALID' }],
    ['a missing name', { name: undefined }, { name: 'INVALID' }],
    ['an empty name', { name: '   ' }, { name: 'INVALID' }],
    ['an array for department', { department: ['a'] }, { department: 'INVALID' }],
  ])('answers 400 with field errors for %s, and creates nothing', async (_label, change, fields) => {
    const portal = makePortal();
    const before = portal.store.candidates.count();
    const res = await request(portal.app).post('/api/v1/candidates').set('Authorization', AUTH).send({ ...NEW, ...change });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const codes = Object.fromEntries(Object.entries(res.body.fields as Record<string, { code: string; message: string }>).map(([k, v]) => [k, v.code]));
    expect(codes).toEqual(fields);
    for (const entry of Object.values(res.body.fields as Record<string, { message: string }>)) expect(entry.message).not.toBe('');
    expect(portal.store.candidates.count()).toBe(before);
  });

  it('explains a field error in Chinese where the portal has a text for it', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post('/api/v1/candidates').set('Authorization', AUTH).send({ ...NEW, candidateNo: '12345' });
    expect(res.body.fields.candidateNo).toEqual({ code: 'CANDIDATE_NO_FORMAT', message: '考生号应为15位数字' });
  });

  it('answers 415 to a body that is not JSON and 400 to broken JSON', async () => {
    const portal = makePortal();
    const form = await request(portal.app).post('/api/v1/candidates').set('Authorization', AUTH).type('form').send(NEW);
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('BAD_REQUEST');
    const broken = await request(portal.app).post('/api/v1/candidates').set('Authorization', AUTH)
      .set('Content-Type', 'application/json').send('{"candidateNo": ');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('BAD_REQUEST');
    expect(portal.store.candidates.findByCandidateNo(NEW.candidateNo)).toBeUndefined();
  });
});

describe('GET /api/v1/candidates/:candidateNo', () => {
  const get = (portal: ReturnType<typeof makePortal>, no: string) =>
    request(portal.app).get(`/api/v1/candidates/${no}`).set('Authorization', AUTH);

  it('answers 404 for a number not on the roster', async () => {
    const portal = makePortal();
    const res = await get(portal, '106149999999999');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('reports pending, then active with the bound phone and email, after the wizard', async () => {
    const portal = makePortal();
    expect((await get(portal, demo.zhang.candidateNo)).body).toMatchObject({ status: 'pending', phone: null, email: null, activatedAt: null });
    await walkTo(portal, 'done', { phone: '13912345678', email: 'zw@example.com' });
    const res = await get(portal, demo.zhang.candidateNo);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      candidateNo: demo.zhang.candidateNo, name: '张伟', status: 'active', phone: '13912345678', email: 'zw@example.com',
      activatedAt: new Date(portal.clock.now()).toISOString(),
    });
  });

  it('reports locked while the identity check is locked for the number', async () => {
    const portal = makePortal();
    for (let i = 0; i < 5; i++) {
      const agent = await walkTo(portal, 'identity');
      await postForm(agent, `${A}/identity`, { candidateNo: demo.li.candidateNo, name: '错名', idType: 'resident_id', idNumber: demo.li.idNumber });
    }
    expect((await get(portal, demo.li.candidateNo)).body.status).toBe('locked');
    portal.clock.advance(31 * 60_000);
    expect((await get(portal, demo.li.candidateNo)).body.status).toBe('pending');
  });
});
