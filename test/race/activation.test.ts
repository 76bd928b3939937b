import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATION, apiOf, submitPassword, Visitor, walkToPassword, type Applicant } from '../../scripts/portalClient.ts';
import { demo } from '../support/activation.ts';
import { makePortal, messagesOf, TEST_API_TOKEN, type TestPortal } from '../support/portal.ts';
import { listen } from '../support/listen.ts';

const SESSIONS = 20;

describe('20 sessions racing to activate the same candidate', () => {
  let portal: TestPortal;
  let server: Awaited<ReturnType<typeof listen>>;
  // Every session sends its own codes for the same candidate; the per-candidate resend cooldown would refuse all but one.
  beforeAll(async () => {
    // The sessions are scripted clients: captchas off, as test automation does.
    portal = makePortal({ CODE_RESEND_COOLDOWN_SECONDS: '0', CAPTCHA_ENABLED: 'false' });
    server = await listen(portal);
  });
  afterAll(() => server.close());

  it('ends with exactly one active account and one set of bound details; the others see 该账号已激活', async () => {
    const api = apiOf(server.url, TEST_API_TOKEN);
    const c = demo.zhang;
    const applicants: Applicant[] = Array.from({ length: SESSIONS }, (_, i) => ({
      candidateNo: c.candidateNo, name: c.name, idType: c.idType, idNumber: c.idNumber,
      phone: `1390000${String(i).padStart(4, '0')}`, email: `racer${i}@example.com`, password: `Chengdu#Spring2026!${i}`,
    }));
    const visitors = applicants.map(() => new Visitor(server.url));
    // One after another: a new code for a candidate voids that candidate's older open codes, whichever session asked.
    for (const [i, v] of visitors.entries()) await walkToPassword(v, api, applicants[i]!);
    // All twenty stand on the password page; now they submit at the same moment.
    const replies = await Promise.all(visitors.map((v, i) => submitPassword(v, applicants[i]!)));

    const winners = replies.flatMap((r, i) => (r.status === 303 && r.headers.location === `${ACTIVATION}/done` ? [i] : []));
    expect(winners).toHaveLength(1);
    const losers = replies.filter((_, i) => i !== winners[0]);
    for (const r of losers) {
      expect(r.status).toBe(409);
      expect(messagesOf(r.text)).toContain('该账号已激活，请直接登录或使用忘记密码');
    }

    const winner = applicants[winners[0]!]!;
    const row = portal.store.candidates.findByCandidateNo(c.candidateNo)!;
    expect(row).toMatchObject({ status: 'active', phone: winner.phone, email: winner.email });
    const bound = portal.db.prepare(`SELECT COUNT(*) FROM candidates WHERE phone LIKE '1390000%' OR email LIKE 'racer%'`).pluck().get();
    expect(bound).toBe(1);
    const activated = portal.db.prepare(`SELECT COUNT(*) FROM audit WHERE event = 'ACTIVATED' AND candidate_id = ?`).pluck().get(row.id);
    expect(activated).toBe(1);
    // The winner's password is the one stored.
    const { default: argon2 } = await import('argon2');
    expect(await argon2.verify(row.password_hash!, winner.password)).toBe(true);
    // A loser who reloads sees the same refusal rather than a second chance.
    const again = await submitPassword(visitors[winners[0] === 0 ? 1 : 0]!, applicants[0]!);
    expect(again.status).toBe(409);
  });
});
