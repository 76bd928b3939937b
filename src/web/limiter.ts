import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { AttemptKey } from '../data/attempts.ts';
import type { Store } from '../data/store.ts';
import {
  captchaDemanded, countedPer, limitFull, lockReached, sessionExhausted, type AttemptKind, type AttemptPolicy, type CountedPer,
} from '../rules/attemptLimits.ts';
import type { CaptchaVerdict } from './captcha.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Each kind's limits, from config. */
export function attemptPolicies(config: Config): Record<AttemptKind, AttemptPolicy> {
  const l = config.limits;
  const c = config.console;
  const identityWindow = { windowMs: l.identityFailureWindowMs, lockMs: l.identityLockMs };
  return {
    login: {
      windowMs: l.loginFailureWindowMs, lockMs: l.loginLockMs, maxPerSubjectAddress: l.loginMaxFailures,
      maxPerSubject: l.loginMaxFailuresAllAddresses, captchaAfterPerSubject: l.loginCaptchaAfterFailures,
      captchaAfterPerAddress: l.loginMaxFailuresPerIp,
    },
    staffLogin: { windowMs: c.loginLockMs, lockMs: c.loginLockMs, maxPerSubjectAddress: c.maxLoginFailures, maxPerSubject: c.maxLoginFailuresAllAddresses },
    identity: {
      ...identityWindow, maxPerSubjectAddress: l.identityMaxFailuresPerCandidate, maxPerSubject: l.identityMaxFailuresAllAddresses,
      captchaAfterPerAddress: l.identityMaxFailuresPerIp, maxPerSession: l.identityMaxFailuresPerSession,
    },
    recoveryAccount: { ...identityWindow, maxPerSession: l.identityMaxFailuresPerSession },
    recoveryContact: { ...identityWindow, maxPerSubjectAddress: l.identityMaxFailuresPerCandidate, maxPerSubject: l.identityMaxFailuresAllAddresses },
    code: { windowMs: l.codeTtlMs, lockMs: l.codeTtlMs, maxPerSubject: l.codeMaxAttempts },
    contactTaken: { ...identityWindow, maxPerSubject: l.contactTakenMaxAnswers },
    // Held to the code send rules (rules/codeSendLimits.ts) by 短信登录 itself; the limiter never admits one.
    loginCodeDecoy: { windowMs: DAY, lockMs: 0 },
  };
}

export interface Attempt {
  subject: string;
  address: string;
  /** The browser session, for kinds that count per session. */
  session?: string;
  /** Checks and uses up the captcha the form carries; asked only when the limiter demands one. */
  captcha?: () => CaptchaVerdict;
}

export type Refusal =
  /** lockedNow: this attempt set the lock (worth its own audit row). */
  | { ok: false; reason: 'locked'; until: number; lockedNow: boolean }
  | { ok: false; reason: 'session' }
  /** Failures and attempts in flight fill the limit: try again once those are settled. Only concurrent checks meet it. */
  | { ok: false; reason: 'busy' }
  | { ok: false; reason: 'captcha'; code: 'CAPTCHA_REQUIRED' | 'CAPTCHA_MISMATCH' };

/** An attempt's reserved place in the count, settled once its outcome is known. */
export interface Slot {
  /** The answer was right: accepted only if no lock holds now; then the subject's failures are forgotten. */
  succeed(): { ok: true } | { ok: false; until: number };
  /** The answer was wrong: it stays counted. lockedUntil is set when a lock holds now. */
  fail(): { lockedUntil?: number; lockedNow: boolean };
  /** The attempt guessed nothing after all (e.g. an account not yet activated): it no longer counts. */
  release(): void;
}

export type Admission = { ok: true; slot: Slot } | Refusal;

/**
 * The one limiter for every guessed secret. Reserve first, settle after: admit() takes the attempt's place in
 * one synchronous transaction before anything is awaited, and the place counts as a failure until the slot
 * is settled, so however requests interleave no more answers are checked than the limits allow.
 */
export function createLimiter(deps: { store: Store; clock: Clock; config: Config; captchaEnabled(): boolean }) {
  const { store, clock } = deps;
  const policies = attemptPolicies(deps.config);

  const keyOf = (kind: AttemptKind, a: Attempt): AttemptKey => ({ kind, subject: a.subject, address: a.address, session: a.session ?? '' });
  const perKind = Object.fromEntries(Object.entries(policies).map(([kind, policy]) => [kind, countedPer(policy)])) as Record<AttemptKind, CountedPer>;
  const countsOf = (key: AttemptKey, now: number) => store.attempts.counts(key, now - policies[key.kind].windowMs, perKind[key.kind]);

  /** Sets the lock the counts have reached, if any, and returns its end. */
  function lockIfReached(key: AttemptKey, now: number): number | undefined {
    const scope = lockReached(policies[key.kind], countsOf(key, now));
    if (!scope) return undefined;
    const until = now + policies[key.kind].lockMs;
    store.attempts.lock(key, scope, until);
    return until;
  }

  function slotOf(id: number, key: AttemptKey): Slot {
    return {
      succeed: () => store.transaction(() => {
        store.attempts.remove(id);
        const until = store.attempts.lockedUntil(key.kind, key.subject, key.address, clock.now());
        // A right answer completing under a lock gets the lock's answer, as a wrong one would: it tells nothing.
        if (until !== undefined) return { ok: false as const, until };
        store.attempts.clearFailures(key.kind, key.subject);
        return { ok: true as const };
      }),
      fail: () => store.transaction(() => {
        const now = clock.now();
        store.attempts.markFailed(id);
        const held = store.attempts.lockedUntil(key.kind, key.subject, key.address, now);
        if (held !== undefined) return { lockedUntil: held, lockedNow: false };
        const until = lockIfReached(key, now);
        return { lockedUntil: until, lockedNow: until !== undefined };
      }),
      release: () => store.attempts.remove(id),
    };
  }

  return {
    admit: (kind: AttemptKind, attempt: Attempt): Admission => store.transaction(() => {
      const now = clock.now();
      const key = keyOf(kind, attempt);
      const policy = policies[kind];
      const held = store.attempts.lockedUntil(kind, key.subject, key.address, now);
      if (held !== undefined) return { ok: false, reason: 'locked', until: held, lockedNow: false };
      const counts = countsOf(key, now);
      if (sessionExhausted(policy, counts)) return { ok: false, reason: 'session' };
      if (limitFull(policy, counts)) return { ok: false, reason: 'busy' };
      if (deps.captchaEnabled() && captchaDemanded(policy, counts)) {
        const verdict = attempt.captcha?.() ?? { ok: false, code: 'CAPTCHA_REQUIRED' };
        if (!verdict.ok) {
          store.attempts.recordFailure(key, now);
          const until = lockIfReached(key, now);
          return until === undefined ? { ok: false, reason: 'captcha', code: verdict.code } : { ok: false, reason: 'locked', until, lockedNow: true };
        }
      }
      return { ok: true, slot: slotOf(store.attempts.reserve(key, now), key) };
    }),

    /** Whether the next attempt must carry a solved captcha (the form shows the field then). */
    needsCaptcha(kind: AttemptKind, attempt: Pick<Attempt, 'subject' | 'address'>): boolean {
      if (!deps.captchaEnabled()) return false;
      return captchaDemanded(policies[kind], countsOf(keyOf(kind, attempt), clock.now()));
    },

    /** The end of a lock on this subject from this address (or from everywhere), or undefined. */
    lockedUntil: (kind: AttemptKind, subject: string, address: string) => store.attempts.lockedUntil(kind, subject, address, clock.now()),
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
