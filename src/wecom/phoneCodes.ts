import type { Limits } from '../config.ts';
import { codeHashesEqual, generateNumericCode, hashCode, normalizeCode } from '../rules/codes.ts';
import { textOf, type TextCode } from '../web/texts.ts';
import type { CodePurpose } from './data/codes.ts';
import type { WecomStore } from './data/store.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The simulated SMS gateway of the host: it writes into the same outbox as the portal's codes. */
export interface SmsGateway {
  /** Throws when the gateway fails (a training fault). */
  sendSms(to: string, text: string): unknown;
}

export type CodeVerdict = { ok: true } | { ok: false; code: TextCode; params?: Record<string, number> };

export interface CodeTarget {
  uid: string;
  purpose: CodePurpose;
  phone: string;
}

/**
 * The app's SMS codes under the portal's rules and limits (config): 6 digits, hashed, TTL, resend cooldown,
 * attempts, hourly and daily caps per number. Its own table, the same checking order as the portal's codes.
 */
export function createPhoneCodes(deps: { store: WecomStore; limits: Limits; sms: SmsGateway; codeSecret: string; now(): number; signature: string; corpName: string }) {
  const { store, limits, sms, codeSecret, now } = deps;

  function cooldownSecondsLeft(t: CodeTarget): number {
    const last = Math.max(store.codes.lastSentToPhone(t.phone) ?? 0, store.codes.lastSentByMember(t.uid, t.purpose) ?? 0);
    const left = last + limits.codeResendCooldownMs - now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  function refusalOf(t: CodeTarget): CodeVerdict | undefined {
    const seconds = cooldownSecondsLeft(t);
    if (seconds > 0) return { ok: false, code: 'CODE_COOLDOWN', params: { seconds } };
    if (store.codes.sentToPhoneSince(t.phone, now() - DAY) >= limits.codeMaxPerDay) return { ok: false, code: 'CODE_DAILY_LIMIT' };
    if (store.codes.sentToPhoneSince(t.phone, now() - HOUR) >= limits.codeMaxPerHour) return { ok: false, code: 'CODE_HOURLY_LIMIT' };
    return undefined;
  }

  return {
    cooldownSecondsLeft,

    /** Checks the limits, stores the hashed code, then sends the SMS. */
    issue(t: CodeTarget): CodeVerdict {
      const refusal = refusalOf(t);
      if (refusal) return refusal;
      const code = generateNumericCode(6);
      const at = now();
      // Stored before sending: a second request in the same instant already sees this code and waits out the cooldown.
      const id = store.codes.create({ ...t, codeHash: hashCode(code, codeSecret), now: at, expiresAt: at + limits.codeTtlMs });
      const minutes = Math.round(limits.codeTtlMs / 60000);
      try {
        sms.sendSms(t.phone, textOf('WECOM_SMS_CODE', { signature: deps.signature, corp: deps.corpName, code, minutes }));
      } catch {
        store.codes.consume(id, now());
        return { ok: false, code: 'CODE_DELIVERY_FAILED' };
      }
      return { ok: true };
    },

    /** Count the attempt, check expiry, compare in constant time, consume once: in that order. */
    verify(t: CodeTarget, typed: string): CodeVerdict {
      const challenge = store.codes.latestOpen(t.uid, t.purpose, t.phone);
      if (!challenge) return { ok: false, code: 'CODE_NOT_SENT' };
      const attempts = store.codes.countAttempt(challenge.id);
      if (attempts > limits.codeMaxAttempts) return { ok: false, code: 'CODE_TOO_MANY_ATTEMPTS' };
      const at = now();
      if (at >= challenge.expires_at) return { ok: false, code: 'CODE_EXPIRED' };
      if (!codeHashesEqual(hashCode(normalizeCode(typed), codeSecret), challenge.code_hash)) {
        return { ok: false, code: attempts >= limits.codeMaxAttempts ? 'CODE_TOO_MANY_ATTEMPTS' : 'CODE_MISMATCH' };
      }
      if (!store.codes.consume(challenge.id, at)) return { ok: false, code: 'CODE_USED' };
      return { ok: true };
    },
  };
}

export type PhoneCodes = ReturnType<typeof createPhoneCodes>;
