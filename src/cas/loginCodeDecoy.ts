import { codeSendRefusal, type CodeSendRefusal } from '../rules/codeSendLimits.ts';
import type { LoginFailure } from './authenticate.ts';
import type { CasDeps } from './deps.ts';

// 短信登录 for a number bound to no active account: sends that pretend to go out and codes that pretend to be
// wrong, under the same rules as a bound number's, so neither the send nor the login tells whether it is bound.

const keyOf = (phone: string) => ({ kind: 'loginCodeDecoy', subject: phone, address: '', session: '' }) as const;

/** Refuses a pretend send as the code rules would refuse a real one (counted per number); else records it. */
export function pretendSend(deps: CasDeps, phone: string, now: number): CodeSendRefusal | undefined {
  const { store, config } = deps;
  const key = keyOf(phone);
  const sentSince = (since: number) => store.attempts.counts(key, since, { address: false, session: false }).subject;
  const refusal = codeSendRefusal({ lastSentByRequester: store.attempts.lastAt(key.kind, key.subject), sentByRequesterToTarget: sentSince, sentToTarget: sentSince }, config.limits, now);
  if (!refusal) store.attempts.recordFailure(key, now);
  return refusal;
}

/** A code typed for such a number, inside the login's transaction: answered as a wrong code for a bound one. */
export function pretendCodeVerdict(deps: CasDeps, phone: string): LoginFailure {
  const refuse = (code: 'CODE_NOT_SENT' | 'CODE_EXPIRED' | 'CODE_MISMATCH' | 'CODE_TOO_MANY_ATTEMPTS'): LoginFailure => ({ ok: false, code, status: 401 });
  const sentAt = deps.store.attempts.lastAt('loginCodeDecoy', phone);
  if (sentAt === null) return refuse('CODE_NOT_SENT');
  // Guesses counted per pretend code, as a real code's are per code, so the fifth wrong one voids it alike.
  const admission = deps.limiter.admit('code', { subject: `decoy:${phone}:${sentAt}`, address: '' });
  if (!admission.ok) return refuse('CODE_TOO_MANY_ATTEMPTS');
  const expired = deps.clock.now() >= sentAt + deps.config.limits.codeTtlMs;
  const { lockedUntil } = admission.slot.fail();
  if (expired) return refuse('CODE_EXPIRED');
  return refuse(lockedUntil === undefined ? 'CODE_MISMATCH' : 'CODE_TOO_MANY_ATTEMPTS');
}
