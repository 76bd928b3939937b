import ejs from 'ejs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Channel, ChallengePurpose } from '../data/challenges.ts';
import type { Store } from '../data/store.ts';
import { codeHashesEqual, generateNumericCode, hashCode, normalizeCode } from '../rules/codes.ts';
import { codeSendRefusal, cooldownSecondsLeft as secondsLeft, type CodeSendHistory } from '../rules/codeSendLimits.ts';
import type { Limiter } from '../web/limiter.ts';
import { paths } from '../web/paths.ts';
import { textOf, type TextCode } from '../web/texts.ts';
import type { Outbound } from './outbound.ts';

export interface CodeTarget {
  candidateId: number;
  candidateName: string;
  channel: Channel;
  purpose: ChallengePurpose;
  /** The phone number or email address the code goes to. */
  target: string;
}

export type CodeVerdict = { ok: true } | { ok: false; code: TextCode; params?: Record<string, number> };

/** One way to issue and check SMS, email and reset codes, with the limits from config. */
export function createVerificationCodes(deps: {
  config: Config;
  store: Store;
  clock: Clock;
  outbound: Outbound;
  limiter: Limiter;
  codeSecret: string;
}) {
  const { config, store, clock, outbound, limiter, codeSecret } = deps;
  const limits = config.limits;

  function historyOf(t: Pick<CodeTarget, 'candidateId' | 'channel' | 'purpose' | 'target'>): CodeSendHistory {
    return {
      lastSentByRequester: store.challenges.lastSentByCandidate(t.candidateId, t.channel, t.purpose),
      sentByRequesterToTarget: (since) => store.challenges.sentByCandidateToTargetSince(t.candidateId, t.channel, t.target, since),
      sentToTarget: (since) => store.challenges.sentToTargetSince(t.channel, t.target, since),
    };
  }

  /** The cooldown is the candidate's own: another candidate's sends to the same number never hold it up. */
  function cooldownSecondsLeft(t: Pick<CodeTarget, 'candidateId' | 'channel' | 'purpose' | 'target'>): number {
    return secondsLeft(historyOf(t).lastSentByRequester, limits, clock.now());
  }

  function refusalOf(t: CodeTarget): CodeVerdict | undefined {
    const refusal = codeSendRefusal(historyOf(t), limits, clock.now());
    // The training fault "daily cap reached" for one phone number answers as the real cap would.
    const capped = t.channel === 'sms' && store.faults.find('phone_daily_cap', t.target) !== undefined;
    if (capped && refusal?.code !== 'CODE_COOLDOWN') return { ok: false, code: 'CODE_DAILY_LIMIT' };
    return refusal ? { ok: false, ...refusal } : undefined;
  }

  async function deliver(t: CodeTarget, code: string): Promise<void> {
    const minutes = Math.round(limits.codeTtlMs / 60000);
    const u = config.university;
    if (t.channel === 'sms') {
      outbound.sendSms(t.target, textOf('SMS_CODE_MESSAGE', { signature: u.smsSignature, code, minutes }));
      return;
    }
    const purpose = textOf(`PURPOSE_${t.purpose}`);
    const params = { name: t.candidateName, purpose, code, minutes, university: u.name, helpdeskPhone: u.helpdeskPhone };
    // Compiled once in production, as the pages are (Express's view cache); read afresh elsewhere so edits show.
    const html = await ejs.renderFile(join(paths.views, 'email/code.ejs'), { ...params, helpdeskEmail: u.helpdeskEmail }, { cache: config.env === 'production' });
    await outbound.sendEmail({
      to: t.target,
      subject: textOf('EMAIL_CODE_SUBJECT', { university: u.name }),
      text: textOf('EMAIL_CODE_TEXT', params),
      html,
    });
  }

  return {
    cooldownSecondsLeft,

    /** Checks the send limits, stores a hashed code and delivers it. */
    async issue(t: CodeTarget): Promise<CodeVerdict> {
      const refusal = refusalOf(t);
      if (refusal) return refusal;
      const code = generateNumericCode(6);
      const now = clock.now();
      const challengeId = store.challenges.create({
        candidateId: t.candidateId,
        channel: t.channel,
        purpose: t.purpose,
        target: t.target,
        codeHash: hashCode(code, codeSecret),
        now,
        expiresAt: now + limits.codeTtlMs,
      });
      try {
        await deliver(t, code);
      } catch {
        store.challenges.consume(challengeId, clock.now());
        return { ok: false, code: 'CODE_DELIVERY_FAILED' };
      }
      return { ok: true };
    },

    /** Count the attempt (the limiter's place), check expiry, compare in constant time, consume once: in that order. */
    verify(t: Omit<CodeTarget, 'candidateName'>, typed: string): CodeVerdict {
      const challenge = store.challenges.latestOpen(t.candidateId, t.channel, t.purpose, t.target);
      if (!challenge) return { ok: false, code: 'CODE_NOT_SENT' };
      // Counted per code, wherever the guesses come from.
      const admission = limiter.admit('code', { subject: String(challenge.id), address: '' });
      if (!admission.ok) return { ok: false, code: 'CODE_TOO_MANY_ATTEMPTS' };
      const now = clock.now();
      if (now >= challenge.expires_at) {
        admission.slot.fail();
        return { ok: false, code: 'CODE_EXPIRED' };
      }
      if (!codeHashesEqual(hashCode(normalizeCode(typed), codeSecret), challenge.code_hash)) {
        return { ok: false, code: admission.slot.fail().lockedUntil === undefined ? 'CODE_MISMATCH' : 'CODE_TOO_MANY_ATTEMPTS' };
      }
      if (!store.challenges.consume(challenge.id, now)) {
        admission.slot.release();
        return { ok: false, code: 'CODE_USED' };
      }
      admission.slot.succeed();
      return { ok: true };
    },
  };
}

export type VerificationCodes = ReturnType<typeof createVerificationCodes>;
