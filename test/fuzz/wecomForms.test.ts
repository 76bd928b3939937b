import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhone } from '../../src/rules/phone.ts';
import { latestCodeTo, type Agent } from '../support/portal.ts';
import { csrfAt, post, signIn, wecomServer, type WecomServer } from '../support/wecom.ts';
import { expectClearPageError, expectNoRawEcho, fieldShape, formBody, formContentType, hostileValue, settled, tablesChecksum, VOLATILE_TABLES, wellFormed, type FieldShape } from './hostile.ts';

const RUNS = 40;
// Every visit writes the app's session; every refused attempt is an event of the member's timeline.
const VOLATILE = [...VOLATILE_TABLES, 'wecom_sessions', 'wecom_events'];
const MEMBER_PHONE = '13900007001';

/** A valid number would be sent a code or looked up: those are the flows' own tests, not bad input. */
const validPhone = (f: Record<string, FieldShape>) => f.phone?.kind === 'once' && checkPhone(wellFormed(f.phone.value)).ok;

describe('bad input to every WeCom form: a clear Chinese error, nothing echoed raw, the database unchanged', () => {
  let s: WecomServer;
  let member: Agent;
  let app: Agent;
  beforeAll(async () => {
    s = await wecomServer({ FAILED_POSTS_PER_IP_PER_MINUTE: '1000000' });
    await settled(s.portal);
    member = s.browser();
    await signIn(member);
    // A second member, activated and signed in to the 企业微信 APP, for the APP's forms.
    app = s.browser();
    await signIn(app);
    await post(app, '/wecom/activate/verify/code', { phone: MEMBER_PHONE }, '/wecom/activate/verify');
    await post(app, '/wecom/activate/verify', { phone: MEMBER_PHONE, code: latestCodeTo(s.portal, MEMBER_PHONE) }, '/wecom/activate/verify');
    s.portal.clock.advance(121_000);
    await post(app, '/wecom/app/code', { phone: MEMBER_PHONE }, '/wecom/app');
    expect((await post(app, '/wecom/app', { phone: MEMBER_PHONE, code: latestCodeTo(s.portal, MEMBER_PHONE) }, '/wecom/app')).status).toBe(303);
  });
  afterAll(() => s.close());

  const targets = [
    { who: 'member', page: '/wecom/activate/verify', path: '/wecom/activate/verify/code', fields: ['phone'] },
    { who: 'member', page: '/wecom/activate/verify', path: '/wecom/activate/verify', fields: ['phone', 'code'] },
    { who: 'member', page: '/wecom/app', path: '/wecom/app/code', fields: ['phone'] },
    { who: 'member', page: '/wecom/app', path: '/wecom/app', fields: ['phone', 'code'] },
    { who: 'app', page: '/wecom/app/phone', path: '/wecom/app/phone/code', fields: ['phone'] },
    { who: 'app', page: '/wecom/app/phone', path: '/wecom/app/phone', fields: ['phone', 'code'] },
  ] as const;

  for (const target of targets) {
    it(`POST ${target.path}`, async () => {
      const agent = target.who === 'app' ? app : member;
      const csrf = await csrfAt(agent, target.page);
      const before = tablesChecksum(s.portal.db, VOLATILE);
      const fields = fc.record(Object.fromEntries(target.fields.map((f) => [f, fieldShape])) as Record<string, fc.Arbitrary<FieldShape>>);
      await fc.assert(fc.asyncProperty(fields, formContentType, async (f, type) => {
        fc.pre(!validPhone(f));
        const res = await agent.post(target.path).set('content-type', type).send(formBody(f, csrf));
        expectClearPageError(res);
        expect(tablesChecksum(s.portal.db, VOLATILE)).toBe(before);
      }), { numRuns: RUNS });
      expect((await agent.get(target.page)).status).toBe(200);
    });
  }

  it('answers any logoutRequest with 200 (or 413 when too large) and ends no session it did not open', async () => {
    const before = tablesChecksum(s.portal.db, VOLATILE);
    await fc.assert(fc.asyncProperty(hostileValue, async (value) => {
      const res = await s.browser().post('/wecom/activate').type('form').send({ logoutRequest: wellFormed(`<samlp:SessionIndex>${value}</samlp:SessionIndex>`) });
      // A body over the form limit (32 kB) is refused as too large before anyone reads it.
      expect([200, 413]).toContain(res.status);
      expectNoRawEcho(res);
    }), { numRuns: RUNS });
    expect(tablesChecksum(s.portal.db, VOLATILE)).toBe(before);
    expect((await member.get('/wecom/activate/verify')).status).toBe(200);
  });
});
