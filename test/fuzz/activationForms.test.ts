import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEmail } from '../../src/rules/email.ts';
import { checkPhone } from '../../src/rules/phone.ts';
import { demoRoster } from '../../src/data/demoRoster.ts';
import { A, walkTo, type StepId } from '../support/activation.ts';
import { csrfOf, makePortal, type Agent, type TestPortal } from '../support/portal.ts';
import {
  settled, encode, wellFormed, expectClearPageError, expectNoRawEcho, fieldShape, formBody, formContentType, hostileValue, tablesChecksum, VOLATILE_TABLES, type FieldShape,
} from './hostile.ts';

const RUNS = 60;

// Guessing limits would answer 429 before the parsers are reached; the fuzzing is about the parsers.
const portalEnv = { FAILED_POSTS_PER_IP_PER_MINUTE: '1000000', IDENTITY_MAX_FAILURES_PER_IP: '100000' };

/** The value the server would read for a field sent once; undefined when it would not read a single string. */
const single = (shape: FieldShape | undefined) => (shape?.kind === 'once' ? wellFormed(shape.value) : undefined);

interface FormTarget {
  /** The step the session stands on. */
  step: StepId;
  path: string;
  fields: readonly string[];
  /** Inputs the rules accept, which would legitimately change something; these are left to the flow tests. */
  acceptable?(fields: Record<string, FieldShape>): boolean;
}

const targets: FormTarget[] = [
  { step: 'agreement', path: A, fields: ['agree'], acceptable: (f) => ['on', 'true', '1'].includes(single(f.agree) ?? '') },
  { step: 'identity', path: `${A}/identity`, fields: ['candidateNo', 'name', 'idType', 'idNumber'] },
  { step: 'phone', path: `${A}/phone/code`, fields: ['phone'], acceptable: (f) => checkPhone(single(f.phone) ?? '').ok },
  { step: 'phone', path: `${A}/phone`, fields: ['phone', 'code'] },
  { step: 'email', path: `${A}/email/code`, fields: ['email'], acceptable: (f) => checkEmail(single(f.email) ?? '').ok },
  { step: 'email', path: `${A}/email`, fields: ['email', 'code'] },
  { step: 'password', path: `${A}/password`, fields: ['password', 'confirmPassword'], acceptable: (f) => single(f.password) !== undefined && single(f.password) === single(f.confirmPassword) },
];

/** Each walk gets its own pending candidate, so their codes and cooldowns do not meet. */
const pendingCandidates = demoRoster.filter((c) => (c.accountType ?? 'candidate') === 'candidate' && c.candidateNo !== '106146510100009');
let walks = 0;
function walk(portal: TestPortal, step: StepId): Promise<Agent> {
  const n = walks++;
  return walkTo(portal, step, { candidate: pendingCandidates[n]!, phone: `1380013${String(8100 + n)}`, email: `fuzz${n}@example.com` });
}

describe('bad input to every activation form: a clear Chinese error, nothing echoed raw, the database unchanged', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = makePortal(portalEnv);
    await settled(portal);
  });

  for (const target of targets) {
    it(`POST ${target.path.replace(A, '…') || '…'} (session on the ${target.step} step)`, async () => {
      const agent: Agent = await walk(portal, target.step);
      const page = target.step === 'agreement' ? A : `${A}/${target.step}`;
      const csrf = await csrfOf(agent, page);
      const before = tablesChecksum(portal.db, VOLATILE_TABLES);
      const fields = fc.record(Object.fromEntries(target.fields.map((f) => [f, fieldShape])) as Record<string, fc.Arbitrary<FieldShape>>);
      const token = fc.oneof({ weight: 6, arbitrary: fc.constant(csrf) }, { weight: 1, arbitrary: fc.constantFrom(undefined, '', csrf.slice(1), 'x'.repeat(40)) });
      const rawTail = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('&%', '&%ZZ=1', '&=&&', '&a=%E4%B8', '&_csrf=other') });

      await fc.assert(fc.asyncProperty(fields, token, formContentType, rawTail, async (f, t, type, tail) => {
        const sentToken = t === csrf && type.startsWith('application/x-www-form-urlencoded') && tail !== '&_csrf=other';
        fc.pre(!(sentToken && target.acceptable?.(f)));
        const res = await agent.post(target.path).set('content-type', type).send(formBody(f, t, tail));
        expectClearPageError(res);
        expect(tablesChecksum(portal.db, VOLATILE_TABLES)).toBe(before);
      }), { numRuns: RUNS });
      // The session still stands where it stood: bad input moved nobody on.
      const after = await agent.get(page);
      expect(after.status).toBe(200);
    });
  }

  it('POST …/password/check (the strength meter) answers JSON for anything and changes nothing', async () => {
    const agent = await walk(portal, 'password');
    const csrf = await csrfOf(agent, `${A}/password`);
    const before = tablesChecksum(portal.db, VOLATILE_TABLES);
    await fc.assert(fc.asyncProperty(fieldShape, async (shape) => {
      const res = await agent.post(`${A}/password/check`).set('content-type', 'application/x-www-form-urlencoded').send(formBody({ password: shape }, csrf));
      expectNoRawEcho(res);
      if (res.status === 413) return expectClearPageError(res);
      expect(res.status).toBe(200);
      expect(res.body.rules.length).toBeGreaterThan(0);
      expect(typeof res.body.label).toBe('string');
      expect(tablesChecksum(portal.db, VOLATILE_TABLES)).toBe(before);
    }), { numRuns: RUNS });
  });

  it('GET of every page with a hostile query string answers below 500 and echoes nothing raw', async () => {
    const agent = await walk(portal, 'password');
    const pages = ['/', '/authserver/login', '/guide/wecom', A, `${A}/identity`, `${A}/phone`, `${A}/email`, `${A}/password`, `${A}/done`, '/no/such/page'];
    const before = tablesChecksum(portal.db, VOLATILE_TABLES);
    await fc.assert(fc.asyncProperty(fc.constantFrom(...pages), hostileValue.filter((v) => v.length < 4000), hostileValue.filter((v) => v.length < 200), async (path, value, name) => {
      const res = await agent.get(`${path}?${encode(name)}=${encode(value)}&service=${encode(value)}`);
      expect(res.status).toBeLessThan(500);
      expectNoRawEcho(res);
      expect(tablesChecksum(portal.db, VOLATILE_TABLES)).toBe(before);
    }), { numRuns: RUNS });
  });
});
