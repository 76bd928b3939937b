import fc from 'fast-check';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCandidateSchema } from '../../src/api/schemas.ts';
import { makePortal, TEST_API_TOKEN, type TestPortal } from '../support/portal.ts';
import { settled, encode, expectClearApiError, expectNoRawEcho, hostileString, hostileValue, jsonValue, tablesChecksum, VOLATILE_TABLES } from './hostile.ts';

const RUNS = 80;
const AUTH = { authorization: `Bearer ${TEST_API_TOKEN}` };
const CANDIDATE_FIELDS = ['candidateNo', 'name', 'idType', 'idNumber', 'department', 'major'] as const;

/** A candidate object with fields missing, mistyped or hostile, and sometimes unknown ones. */
const candidateBody = fc.record(
  { ...Object.fromEntries(CANDIDATE_FIELDS.map((f) => [f, jsonValue])), [`extra`]: jsonValue },
  { requiredKeys: [] },
).map((o) => {
  const { extra, ...rest } = o as Record<string, unknown>;
  return extra === undefined ? rest : { ...rest, [String(typeof extra === 'string' ? extra.slice(0, 20) : 'unknownField')]: extra };
});

/** How the body reaches the server: proper JSON, JSON with a field twice, malformed text, or another content type. */
const encoding = fc.constantFrom('json', 'json', 'json', 'duplicated', 'malformed', 'form', 'text', 'none');

function encoded(body: Record<string, unknown>, how: string): { type?: string; text: string } {
  const json = JSON.stringify(body);
  switch (how) {
    case 'json': return { type: 'application/json', text: json };
    case 'duplicated': return { type: 'application/json', text: json.replace(/^\{/, '{"candidateNo":"106146510100001",').replace(/,}$/, '}') };
    case 'malformed': return { type: 'application/json', text: json.slice(0, Math.max(1, json.length - 3)) };
    case 'form': return { type: 'application/x-www-form-urlencoded', text: new URLSearchParams(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString() };
    case 'text': return { type: 'text/plain', text: json };
    default: return { text: json };
  }
}

describe('bad input to every /api/v1 endpoint: JSON errors with field errors, nothing stored, never a 500', () => {
  let portal: TestPortal;
  let before: string;
  beforeAll(async () => {
    portal = makePortal();
    await settled(portal);
    // A captured message, so that a delete which should have been refused shows in the checksum.
    portal.store.outbox.add({ channel: 'sms', recipient: '13800138009', text: '【电子科技大学】您的验证码为123456，5分钟内有效。', now: portal.clock.now() });
    before = tablesChecksum(portal.db, VOLATILE_TABLES);
  });
  const unchanged = () => expect(tablesChecksum(portal.db, VOLATILE_TABLES)).toBe(before);
  const schema = () => newCandidateSchema(portal.config.university.institutionCode, () => new Date(portal.clock.now()));

  it('POST /api/v1/candidates refuses every malformed record', async () => {
    await fc.assert(fc.asyncProperty(candidateBody, encoding, async (body, how) => {
      const { type, text } = encoded(body, how);
      fc.pre(!(type === 'application/json' && how !== 'malformed' && schema().safeParse(JSON.parse(text)).success));
      let req = request(portal.app).post('/api/v1/candidates').set(AUTH);
      if (type) req = req.set('content-type', type);
      const res = await req.send(text);
      expectClearApiError(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('POST /api/v1/candidates answers the top-level JSON values that are not records', async () => {
    for (const text of ['null', '[]', '"张伟"', '1', 'true', '[{"candidateNo":"106146510100099"}]', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}']) {
      const res = await request(portal.app).post('/api/v1/candidates').set(AUTH).set('content-type', 'application/json').send(text);
      expectClearApiError(res);
    }
    unchanged();
  });

  it('GET /api/v1/candidates/:candidateNo with any path segment', async () => {
    await fc.assert(fc.asyncProperty(hostileValue.filter((v) => v.length > 0 && v.length < 2000), async (no) => {
      const res = await request(portal.app).get(`/api/v1/candidates/${encode(no)}`).set(AUTH);
      expectNoRawEcho(res);
      if (res.status === 200) expect(res.body.candidateNo).toBe(no);
      else expectClearApiError(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('GET /api/v1/messages with any, repeated or missing `to`', async () => {
    const query = fc.oneof(
      hostileValue.filter((v) => v.length < 4000).map((v) => `to=${encode(v)}`),
      fc.tuple(hostileString, hostileString).map(([a, b]) => `to=${encode(a)}&to=${encode(b)}`),
      fc.constantFrom('', 'to', 'to[]=1', 'to[a]=1', 'TO=13800138009', 'to=%E4%B8', 'to=%ZZ'),
    );
    await fc.assert(fc.asyncProperty(query, async (q) => {
      const res = await request(portal.app).get(`/api/v1/messages?${q}`).set(AUTH);
      expectNoRawEcho(res);
      if (res.status === 200) expect(Array.isArray(res.body)).toBe(true);
      else {
        expectClearApiError(res);
        if (res.status === 400 && res.body.code === 'VALIDATION_FAILED') expect(res.body.fields.to).toBeDefined();
      }
      unchanged();
    }), { numRuns: RUNS });
  });

  it('messages/latest, deletes and actions for unknown or hostile targets answer JSON errors and change nothing', async () => {
    const unknownNo = hostileString.map((s) => `9${s}`);
    const call = fc.oneof(
      fc.tuple(fc.constant('get'), hostileValue.filter((v) => v.length < 3000).map((v) => `/api/v1/messages/latest?to=${encode(v)}`)),
      fc.tuple(fc.constant('delete'), unknownNo.map((no) => `/api/v1/candidates/${encode(no)}`)),
      fc.tuple(fc.constant('post'), unknownNo.map((no) => `/api/v1/candidates/${encode(no)}/reset`)),
      fc.tuple(fc.constant('post'), hostileString.map((a) => `/api/v1/candidates/106146510100001/actions/${encode(`x${a}`)}`)),
      fc.tuple(fc.constant('delete'), fc.constantFrom('/api/v1/messages?to[]=1', '/api/v1/messages?to=a&to=b')),
    );
    await fc.assert(fc.asyncProperty(call, jsonValue, async ([method, path], body) => {
      const res = await request(portal.app)[method as 'post'](path).set(AUTH).set('content-type', 'application/json').send(JSON.stringify(body));
      expectClearApiError(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('any endpoint without the right bearer token answers 401 JSON', async () => {
    const header = fc.oneof(fc.constant(undefined), hostileString.filter((s) => !/[\r\n\u0000]/.test(s)).map((s) => `Bearer ${s.replace(/[^\x20-\x7e]/g, 'x')}`), fc.constant(`Basic ${TEST_API_TOKEN}`), fc.constant(`Bearer ${TEST_API_TOKEN}x`));
    const endpoint = fc.constantFrom(['get', '/api/v1/messages?to=13800138009'], ['get', '/api/v1/candidates/106146510100001'], ['post', '/api/v1/candidates']);
    await fc.assert(fc.asyncProperty(header, endpoint, async (auth, [method, path]) => {
      let req = method === 'get' ? request(portal.app).get(path!) : request(portal.app).post(path!).send({ candidateNo: '106146510100099' });
      if (auth !== undefined) req = req.set('authorization', auth);
      const res = await req;
      expect(res.status).toBe(401);
      expectClearApiError(res);
      unchanged();
    }), { numRuns: 40 });
  });

  it('unknown paths and methods under /api/v1 answer 404 JSON', async () => {
    const method = fc.constantFrom('get', 'post', 'put', 'patch', 'delete');
    await fc.assert(fc.asyncProperty(method, hostileString.filter((s) => s.length < 100), async (m, tail) => {
      const path = `/api/v1/${encode(tail)}x/${encode(tail)}`;
      const res = await request(portal.app)[m as 'get'](path).set(AUTH);
      expect(res.status).toBe(404);
      expectClearApiError(res);
      unchanged();
    }), { numRuns: 40 });
  });
});
