import type { Request } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import { formatBeijingTime } from '../rules/beijingTime.ts';
import type { TextCode, TextParams } from '../web/texts.ts';
import type { CasDeps } from './deps.ts';

export interface Credentials {
  username: string;
  /** undefined when the page's encryption could not be undone: a failed attempt like a wrong password. */
  password: string | undefined;
  captcha: string;
  captchaId: string;
}

export type LoginFailure = { ok: false; code: TextCode; params?: TextParams; status: number; candidate?: CandidateRow; counted: boolean };
export type LoginVerdict = { ok: true; candidate: CandidateRow } | LoginFailure;

/** Whether the form for this user name must carry an image captcha (after a few failures). */
export function needsCaptcha(deps: CasDeps, username: string, enabled = deps.captchaEnabled()): boolean {
  if (!enabled || username === '') return false;
  const { limits } = deps.config;
  const since = deps.clock.now() - limits.loginFailureWindowMs;
  return deps.store.throttle.failuresSince('login', username, since) >= limits.loginCaptchaAfterFailures;
}

function lockedAnswer(until: number): LoginFailure {
  return { ok: false, code: 'ACCOUNT_LOCKED', params: { until: formatBeijingTime(until) }, status: 401, counted: false };
}

/** Records the outcome's failures or clears them and gives the verdict; run inside the login's one transaction. */
export type SettleLogin = () => LoginVerdict;

/**
 * Checks a login in a fixed order: address limit, account lock, captcha, password. Failures are
 * counted per user name whether or not the account exists, so a lock reveals nothing either.
 * Only reads and the argon2 verification happen here; the writes wait in the returned function.
 */
export async function authenticate(deps: CasDeps, req: Request, input: Credentials): Promise<SettleLogin> {
  const { store, config, clock } = deps;
  const { limits } = config;
  const ip = req.ip ?? '';
  const now = clock.now();
  const refuse = (failure: LoginFailure): SettleLogin => () => failure;
  if (input.username === '') return refuse({ ok: false, code: 'USERNAME_REQUIRED', status: 400, counted: false });
  if (input.password === '') return refuse({ ok: false, code: 'PASSWORD_REQUIRED', status: 400, counted: false });
  // Only failures count against an address: a whole exam hall behind one NAT must still log in.
  if (store.throttle.failuresSince('login-ip', ip, now - limits.loginFailureWindowMs) >= limits.loginMaxFailuresPerIp) {
    return refuse({ ok: false, code: 'LOGIN_IP_LIMIT', status: 429, counted: false });
  }
  const lockedUntil = store.throttle.lockedUntil('login', input.username, now);
  if (lockedUntil) return refuse(lockedAnswer(lockedUntil));
  if (needsCaptcha(deps, input.username)) {
    // Taking the answer deletes it at once, so one image allows one try even when logins race.
    const captcha = deps.captchas.check(input.captchaId, input.captcha);
    if (!captcha.ok) {
      return () => {
        store.throttle.recordFailure('login-ip', ip, now, limits.loginFailureWindowMs);
        return { ok: false, code: captcha.code, status: 401, counted: false };
      };
    }
  }

  const candidate = store.candidates.findByCandidateNo(input.username);
  const hash = candidate?.status === 'active' ? candidate.password_hash ?? undefined : undefined;
  // An undecryptable password still costs one argon2 verification, like every other failure.
  const matches = await deps.verifyPassword(input.password === undefined ? undefined : hash, input.password ?? '');
  return () => {
    if (matches && candidate) {
      store.throttle.clearFailures('login', input.username);
      return { ok: true, candidate };
    }
    store.throttle.recordFailure('login-ip', ip, now, limits.loginFailureWindowMs);
    if (candidate?.status === 'pending') {
      return { ok: false, code: 'ACCOUNT_NOT_ACTIVATED', status: 401, candidate, counted: false };
    }
    const failures = store.throttle.recordFailure('login', input.username, now, limits.loginFailureWindowMs);
    if (failures >= limits.loginMaxFailures) {
      const until = now + limits.loginLockMs;
      store.throttle.lock('login', input.username, until);
      return { ...lockedAnswer(until), candidate, counted: true };
    }
    return { ok: false, code: 'INVALID_CREDENTIALS', status: 401, candidate, counted: true };
  };
}
