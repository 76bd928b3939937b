import type { Request } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import { formatBeijingTime } from '../rules/beijingTime.ts';
import type { Refusal } from '../web/limiter.ts';
import type { TextCode, TextParams } from '../web/texts.ts';
import type { CasDeps } from './deps.ts';

export interface Credentials {
  username: string;
  /** undefined when the page's encryption could not be undone: a failed attempt like a wrong password. */
  password: string | undefined;
  captcha: string;
  captchaId: string;
}

/** lockedNow: this attempt set the lock. */
export type LoginFailure = {
  ok: false; code: TextCode; params?: TextParams; status: number; candidate?: CandidateRow; lockedNow?: boolean;
};
export type LoginVerdict = { ok: true; candidate: CandidateRow } | LoginFailure;

/** Whether the form for this user name, from this address, must carry an image captcha. */
export function needsCaptcha(deps: CasDeps, req: Request, username: string): boolean {
  return deps.limiter.needsCaptcha('login', { subject: username, address: req.ip ?? '' });
}

function lockedAnswer(until: number, lockedNow = false): LoginFailure {
  return { ok: false, code: 'ACCOUNT_LOCKED', params: { until: formatBeijingTime(until) }, status: 401, lockedNow };
}

function refusalAnswer(refusal: Refusal): LoginFailure {
  if (refusal.reason === 'locked') return lockedAnswer(refusal.until, refusal.lockedNow);
  if (refusal.reason === 'captcha') return { ok: false, code: refusal.code, status: 401 };
  return { ok: false, code: 'RATE_LIMITED', status: 429 };
}

/** Settles the attempt and gives the verdict; run inside the login's one transaction. */
export type SettleLogin = () => LoginVerdict;

/**
 * Checks a login: required fields, then before anything is awaited the limiter's admission (lock, captcha,
 * a place in the count), then the password. Failures count per
 * user name whether or not the account exists, so a lock reveals nothing either.
 */
export async function authenticate(deps: CasDeps, req: Request, input: Credentials): Promise<SettleLogin> {
  const { store } = deps;
  const refuse = (failure: LoginFailure): SettleLogin => () => failure;
  if (input.username === '') return refuse({ ok: false, code: 'USERNAME_REQUIRED', status: 400 });
  if (input.password === '') return refuse({ ok: false, code: 'PASSWORD_REQUIRED', status: 400 });
  // Taking the captcha's answer deletes it, so one image allows one try even when logins race.
  const admission = deps.limiter.admit('login', { subject: input.username, address: req.ip ?? '', captcha: () => deps.captchas.check(input.captchaId, input.captcha) });
  if (!admission.ok) return refuse(refusalAnswer(admission));

  const { slot } = admission;
  const candidate = store.candidates.findByCandidateNo(input.username);
  const hash = candidate?.status === 'active' ? candidate.password_hash ?? undefined : undefined;
  // An undecryptable password still costs one argon2 verification, like every other failure.
  const matches = await deps.verifyPassword(input.password === undefined ? undefined : hash, input.password ?? '');
  return () => {
    if (matches && candidate) {
      const accepted = slot.succeed();
      return accepted.ok ? { ok: true, candidate } : { ...lockedAnswer(accepted.until), candidate };
    }
    if (candidate?.status === 'pending') {
      // Not a guess: the account has no password yet, and the answer says so.
      slot.release();
      return { ok: false, code: 'ACCOUNT_NOT_ACTIVATED', status: 401, candidate };
    }
    const failed = slot.fail();
    if (failed.lockedUntil !== undefined) return { ...lockedAnswer(failed.lockedUntil, failed.lockedNow), candidate };
    return { ok: false, code: 'INVALID_CREDENTIALS', status: 401, candidate };
  };
}
