import fc from 'fast-check';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoActivated } from '../../src/data/demoRoster.ts';
import { csrfFrom, csrfOf, latestCodeTo, makePortal, type Agent, type TestPortal } from '../support/portal.ts';
import { settled, expectClearPageError, fieldShape, formBody, formContentType, tablesChecksum, VOLATILE_TABLES, wellFormed, type FieldShape } from './hostile.ts';

const RUNS = 60;
const R = '/retrieve-password/passwordRetrieve';
// A captcha id is stored for every form that shows one, so that table changes on any visit too.
const VOLATILE = [...VOLATILE_TABLES, 'captchas'];
// Captchas off (a documented switch) so the walk needs no image; guessing limits off so the parsers are reached.
const portalEnv = { CAPTCHA_ENABLED: 'false', FAILED_POSTS_PER_IP_PER_MINUTE: '1000000', IDENTITY_MAX_FAILURES_PER_IP: '100000', CODE_RESEND_COOLDOWN_SECONDS: '0' };

const single = (shape: FieldShape | undefined) => (shape?.kind === 'once' ? wellFormed(shape.value) : undefined);

async function post(agent: Agent, page: string, action: string, form: Record<string, string>) {
  const _csrf = await csrfOf(agent, page);
  return agent.post(action).type('form').send({ ...form, _csrf });
}

/** 忘记密码 for the demo's activated account, up to the given step. */
async function walkTo(portal: TestPortal, step: 'account' | 'verify' | 'password'): Promise<Agent> {
  const agent = request.agent(portal.app);
  if (step === 'account') return agent;
  expect((await post(agent, R, R, { username: demoActivated.candidateNo })).status).toBe(303);
  if (step === 'verify') return agent;
  const contact = { method: 'cellphone', contact: demoActivated.phone };
  expect((await post(agent, `${R}/verify`, `${R}/verify/code`, contact)).status).toBe(200);
  expect((await post(agent, `${R}/verify`, `${R}/verify`, { ...contact, code: latestCodeTo(portal, demoActivated.phone) })).status).toBe(303);
  return agent;
}

const targets = [
  { step: 'account', page: R, path: R, fields: ['username', 'captcha', 'captchaId'], acceptable: (f: Record<string, FieldShape>) => single(f.username)?.trim() === demoActivated.candidateNo },
  { step: 'verify', page: `${R}/verify`, path: `${R}/verify/code`, fields: ['method', 'contact'] },
  { step: 'verify', page: `${R}/verify`, path: `${R}/verify`, fields: ['method', 'contact', 'code'] },
  { step: 'password', page: `${R}/password`, path: `${R}/password`, fields: ['password', 'confirmPassword'], acceptable: (f: Record<string, FieldShape>) => single(f.password) !== undefined && single(f.password) === single(f.confirmPassword) },
] as const;

describe('bad input to every 忘记密码 form: a clear Chinese error, nothing echoed raw, the database unchanged', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = makePortal(portalEnv);
    await settled(portal);
  });

  for (const target of targets) {
    it(`POST ${target.path.replace(R, '…') || '…'} (session on the ${target.step} step)`, async () => {
      const agent = await walkTo(portal, target.step);
      const csrf = csrfFrom((await agent.get(target.page)).text);
      const before = tablesChecksum(portal.db, VOLATILE);
      const fields = fc.record(Object.fromEntries(target.fields.map((f) => [f, fieldShape])) as Record<string, fc.Arbitrary<FieldShape>>);
      await fc.assert(fc.asyncProperty(fields, formContentType, async (f, type) => {
        fc.pre(!('acceptable' in target && target.acceptable(f)));
        const res = await agent.post(target.path).set('content-type', type).send(formBody(f, csrf));
        expectClearPageError(res);
        expect(tablesChecksum(portal.db, VOLATILE)).toBe(before);
      }), { numRuns: RUNS });
      expect((await agent.get(target.page)).status).toBe(200);
    });
  }
});
