import { describe, expect, it } from 'vitest';
import { captchaDemanded, limitFull, lockReached, sessionExhausted, type AttemptCounts, type AttemptPolicy } from '../../../src/rules/attemptLimits.ts';

const policy: AttemptPolicy = {
  windowMs: 60_000, lockMs: 60_000, maxPerSubjectAddress: 5, maxPerSubject: 20, captchaAfterPerSubject: 3, captchaAfterPerAddress: 100, maxPerSession: 10,
};
type Plain = Omit<AttemptCounts, 'failed'> & { address: number };
/** Counts where every attempt has failed, unless `inFlight` of the subject's are still being checked. */
const counts = (c: Partial<Plain>, inFlight = 0): AttemptCounts => {
  const { address, ...all } = { subjectAddress: 0, subject: 0, address: 0, session: 0, ...c };
  return { ...all, failed: { subjectAddress: all.subjectAddress - inFlight, subject: all.subject - inFlight, address: address - inFlight } };
};

describe('lockReached: the one rule for locked (failures against the limits)', () => {
  it.each([
    [counts({}), undefined],
    [counts({ subjectAddress: 4, subject: 4 }), undefined],
    [counts({ subjectAddress: 5, subject: 5 }), 'address'],
    [counts({ subjectAddress: 2, subject: 19 }), undefined],
    [counts({ subjectAddress: 2, subject: 20 }), 'everywhere'],
    [counts({ subjectAddress: 5, subject: 20 }), 'everywhere'],
    [counts({ address: 10_000, session: 10_000 }), undefined],
  ] as const)('%j → %s', (c, scope) => expect(lockReached(policy, c)).toBe(scope));

  it('never locks on a limit the policy does not set', () => {
    expect(lockReached({ windowMs: 1, lockMs: 1 }, counts({ subjectAddress: 1e6, subject: 1e6 }))).toBeUndefined();
    expect(lockReached({ windowMs: 1, lockMs: 1, maxPerSubject: 5 }, counts({ subject: 5 }))).toBe('everywhere');
  });
});

describe('attempts in flight fill the limit but never lock', () => {
  it.each([
    [counts({ subjectAddress: 5, subject: 5 }, 5), true, undefined],
    [counts({ subjectAddress: 5, subject: 5 }, 1), true, undefined],
    [counts({ subjectAddress: 5, subject: 5 }, 0), true, 'address'],
    [counts({ subjectAddress: 4, subject: 4 }, 4), false, undefined],
  ] as const)('%j → full %s, lock %s', (c, full, scope) => {
    expect(limitFull(policy, c)).toBe(full);
    expect(lockReached(policy, c)).toBe(scope);
  });
});

describe('captchaDemanded: by the subject from anywhere, or by a busy address', () => {
  it.each([
    [counts({}), false],
    [counts({ subject: 2 }), false],
    [counts({ subject: 3 }), true],
    [counts({ address: 99 }), false],
    [counts({ address: 100 }), true],
    // Attempts in flight count against the account, not against the address: a busy hall is not suspect.
    [counts({ subject: 3 }, 3), true],
    [counts({ address: 100 }, 100), false],
  ] as const)('%j → %s', (c, demanded) => expect(captchaDemanded(policy, c)).toBe(demanded));

  it('never demands one where the policy has no captcha', () => {
    expect(captchaDemanded({ windowMs: 1, lockMs: 1 }, counts({ subject: 1e6, address: 1e6 }))).toBe(false);
  });
});

describe('sessionExhausted', () => {
  it.each([
    [9, false],
    [10, true],
  ] as const)('%d failures in the session → %s', (session, exhausted) => expect(sessionExhausted(policy, counts({ session }))).toBe(exhausted));
});
