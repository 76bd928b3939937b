import fc from 'fast-check';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROSTER_FIELDS } from '../../src/roster/rosterRow.ts';
import { applicant } from '../../scripts/portalClient.ts';
import { demo } from '../support/activation.ts';
import { csrfFrom, makePortal, TEST_API_TOKEN, type Agent, type TestPortal } from '../support/portal.ts';
import {
  encode, expectClearApiError, expectClearPageError, expectNoRawEcho, fieldShape, formBody, formContentType, hostileString, hostileValue, jsonValue,
  settled, tablesChecksum, VOLATILE_TABLES, type FieldShape,
} from './hostile.ts';

const RUNS = 50;
const AUTH = { authorization: `Bearer ${TEST_API_TOKEN}` };
const ADMIN_PASSWORD = 'Helpdesk#Console2026';
// A captcha id is stored for every form that shows one, so that table changes on any visit too.
const VOLATILE = [...VOLATILE_TABLES, 'captchas'];
// Guessing limits off so the parsers are reached.
const portalEnv = { CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD, FAILED_POSTS_PER_IP_PER_MINUTE: '1000000', CONSOLE_MAX_LOGIN_FAILURES: '100' };

describe('bad input to the console and its API: clear errors, nothing echoed raw, nothing changed', () => {
  let portal: TestPortal;
  let before: string;
  let admin: Agent;
  beforeAll(async () => {
    portal = makePortal(portalEnv);
    await settled(portal);
    admin = request.agent(portal.app);
    const login = await admin.get('/console/login');
    const signedIn = await admin.post('/console/login').type('form').send({ username: 'admin', password: ADMIN_PASSWORD, _csrf: csrfFrom(login.text) });
    expect(signedIn.status).toBe(303);
    before = tablesChecksum(portal.db, VOLATILE);
  });
  const unchanged = () => expect(tablesChecksum(portal.db, VOLATILE)).toBe(before);

  it('POST /console/login with hostile names and passwords', async () => {
    const agent = request.agent(portal.app);
    const csrf = csrfFrom((await agent.get('/console/login')).text);
    await fc.assert(fc.asyncProperty(fc.record({ username: fieldShape, password: fieldShape }), formContentType, async (f, type) => {
      fc.pre(!(f.password.kind === 'once' && f.password.value === ADMIN_PASSWORD));
      const res = await agent.post('/console/login').set('content-type', type).send(formBody(f as Record<string, FieldShape>, csrf));
      expectClearPageError(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('GET /console/candidates with any query, status and page', async () => {
    await fc.assert(fc.asyncProperty(hostileValue.filter((v) => v.length < 3000), hostileString, hostileString, async (q, status, page) => {
      const res = await admin.get(`/console/candidates?q=${encode(q)}&status=${encode(status)}&page=${encode(page)}`);
      expect(res.status).toBe(200);
      expectNoRawEcho(res);
      unchanged();
    }), { numRuns: RUNS, examples: [[`${'a'.repeat(99)}😀`, '', '']] });
  });

  it('account actions with a blank reason, an unknown action or an unknown candidate change nothing', async () => {
    const csrf = csrfFrom((await admin.get(`/console/candidates/${demo.zhao.candidateNo}`)).text);
    const target = fc.oneof(
      fc.tuple(fc.constant(demo.zhao.candidateNo), fc.constantFrom('unlock', 'reset-activation', 'unbind-phone', 'force-reset'), fc.constantFrom('', ' ', '\u3000', '\t\r\n')),
      fc.tuple(fc.constant(demo.zhao.candidateNo), hostileString.filter((s) => s.length > 0).map((s) => `x${s}`), hostileValue),
      fc.tuple(hostileString.filter((s) => s.length > 0).map((s) => `9${s}`), fc.constantFrom('unlock', 'reset-activation'), hostileValue),
    );
    await fc.assert(fc.asyncProperty(target, async ([no, action, reason]) => {
      const res = await admin.post(`/console/candidates/${encode(no)}/actions/${encode(action)}`).type('form').send(`reason=${encode(reason)}&_csrf=${encode(csrf)}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectNoRawEcho(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('an uploaded CSV with a bad row is refused with a Chinese report, stores nothing and imports nothing', async () => {
    const csrf = csrfFrom((await admin.get('/console/import')).text);
    let series = 0;
    const csvField = hostileValue.filter((v) => v.length < 2000).map((v) => `"${v.replace(/"/g, '""')}"`);
    const badLine = fc.tuple(csvField, csvField, csvField, csvField, csvField).map(([no, name, id, dept, major]) => `${no},${name},不存在的证件,${id},${dept},${major},考生`);
    await fc.assert(fc.asyncProperty(fc.nat({ max: 4 }), badLine, fc.nat(), fc.constantFrom('', '\ufeff'), fc.constantFrom('\n', '\r\n'), async (good, bad, at, bom, eol) => {
      const n = series++;
      const lines = Array.from({ length: good }, (_, i) => {
        const a = applicant(n * 10 + i, '10614', 9);
        return `${a.candidateNo},${a.name},护照,${a.idNumber},信息与通信工程学院,信息与通信工程,考生`;
      });
      lines.splice(at % (good + 1), 0, bad);
      const csv = `${bom}考生号,姓名,证件类型,证件号码,院系,专业,账号类型${eol}${lines.join(eol)}${eol}`;
      const res = await admin.post('/console/import/preview').field('_csrf', csrf).attach('file', Buffer.from(csv, 'utf8'), 'roster.csv');
      expect(res.status).toBe(422);
      expectNoRawEcho(res);
      expect(res.text).toMatch(/[\u4e00-\u9fff]/);
      unchanged();
    }), { numRuns: 30 });
  });

  it('POST /api/v1/roster/import with one bad row among good ones imports nothing', async () => {
    let series = 0;
    const badRow = fc.record(Object.fromEntries(ROSTER_FIELDS.map((f) => [f, jsonValue])), { requiredKeys: [] })
      // A document type that does not exist makes the row bad whatever else it holds.
      .map((row) => ({ ...row, idType: 'not-a-document' }));
    await fc.assert(fc.asyncProperty(fc.nat({ max: 5 }), badRow, fc.nat(), async (good, bad, at) => {
      const n = series++;
      const rows: unknown[] = Array.from({ length: good }, (_, i) => {
        const { candidateNo, name, idType, idNumber } = applicant(n * 10 + i, '10614', 8);
        return { candidateNo, name, idType, idNumber };
      });
      rows.splice(at % (good + 1), 0, bad);
      const res = await request(portal.app).post('/api/v1/roster/import').set(AUTH).set('content-type', 'application/json').send(JSON.stringify(rows));
      expectClearApiErrorOrReport(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('PATCH /api/v1/candidates/:candidateNo with a bad field changes nothing', async () => {
    const body = fc.record(Object.fromEntries(ROSTER_FIELDS.map((f) => [f, jsonValue])), { requiredKeys: [] });
    const defect = fc.constantFrom<Record<string, unknown>>({ idType: 'not-a-document' }, { accountType: 'admin' }, { name: '' }, { passwordHash: 'x' }, { idNumber: 12 });
    await fc.assert(fc.asyncProperty(body, defect, fc.constantFrom('application/json', 'application/json', 'text/plain'), async (b, d, type) => {
      const res = await request(portal.app).patch(`/api/v1/candidates/${demo.zhang.candidateNo}`).set(AUTH).set('content-type', type).send(JSON.stringify({ ...b, ...d }));
      expectClearApiError(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('faults, settings and services refuse what they cannot use', async () => {
    const call = fc.oneof(
      fc.tuple(fc.constant('put'), hostileString.map((k) => `/api/v1/faults/${encode(`x${k}`)}`), jsonValue),
      fc.tuple(fc.constant('put'), fc.constant('/api/v1/settings'), jsonValue.map((v) => ({ captcha: typeof v === 'boolean' ? String(v) : v }))),
      fc.tuple(fc.constant('post'), fc.constant('/api/v1/services'), fc.record({ name: jsonValue, urlPattern: fc.constantFrom('(', '[a-', '*', '') }, { requiredKeys: ['urlPattern'] })),
    );
    await fc.assert(fc.asyncProperty(call, async ([method, path, body]) => {
      const res = await request(portal.app)[method as 'put'](path).set(AUTH).set('content-type', 'application/json').send(JSON.stringify(body));
      expectClearApiError(res);
      unchanged();
    }), { numRuns: RUNS });
  });
});

/** A refused import answers either field errors (400) or its row-by-row report (422) with at least one error. */
function expectClearApiErrorOrReport(res: { status: number; headers: Record<string, string>; text: string; body: unknown }) {
  if (res.status !== 422) return expectClearApiError(res);
  const report = res.body as { imported: boolean; errorCount: number; errors: { line: number; message: string }[] };
  expect(report.imported).toBe(false);
  expect(report.errorCount).toBeGreaterThan(0);
  for (const e of report.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  expectNoRawEcho(res);
}
