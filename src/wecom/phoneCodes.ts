import type { Limits } from '../config.ts';
import { codeHashesEqual, generateNumericCode, hashCode, normalizeCode } from '../rules/codes.ts';
import { codeSendRefusal, cooldownSecondsLeft as secondsLeft, type CodeSendHistory } from '../rules/codeSendLimits.ts';
import { textOf, type TextCode } from '../web/texts.ts';
import type { CodePurpose } from './data/codes.ts';
import type { WecomStore } from './data/store.ts';

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
 * The app's SMS codes under the portal's rules and limits (config, rules/codeSendLimits.ts): 6 digits, hashed,
 * TTL, the member's own resend cooldown, attempts, caps per member and number under a per-number cap. Its own
 * table, the same checking order as the portal's codes.
 */
export function createPhoneCodes(deps: { store: WecomStore; limits: Limits; sms: SmsGateway; codeSecret: string; now(): number; signature: string; corpName: string }) {
  const { store, limits, sms, codeSecret, now } = deps;

  function historyOf(t: CodeTarget): CodeSendHistory {
    return {
      lastSentByRequester: store.codes.lastSentByMember(t.uid, t.purpose),
      sentByRequesterToTarget: (since) => store.codes.sentByMemberToPhoneSince(t.uid, t.phone, since),
      sentToTarget: (since) => store.codes.sentToPhoneSince(t.phone, since),
    };
  }

  /** The member's own cooldown: another member's codes to the same number never hold it up. */
  const cooldownSecondsLeft = (t: CodeTarget): number => secondsLeft(historyOf(t).lastSentByRequester, limits, now());

  return {
    cooldownSecondsLeft,

    /** Checks the limits, stores the hashed code, then sends the SMS. */
    issue(t: CodeTarget): CodeVerdict {
      const refusal = codeSendRefusal(historyOf(t), limits, now());
      if (refusal) return { ok: false, ...refusal };
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
