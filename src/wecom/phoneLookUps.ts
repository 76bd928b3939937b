import type { Limits } from '../config.ts';
import { minutesUntil } from '../rules/beijingTime.ts';
import { lockAfterTakenAnswer, type TakenAnswerPolicy } from '../rules/takenAnswers.ts';
import type { WecomStore } from './data/store.ts';
import type { Journey } from './journey.ts';

export type LookUpVerdict =
  | { ok: true }
  | { ok: false; code: 'WECOM_PHONE_TAKEN'; lockedNow: false; params?: undefined }
  /** lockedNow: this answer set the lock (its own event is in the member's timeline already). */
  | { ok: false; code: 'CONTACT_TAKEN_LOCKED'; lockedNow: boolean; params: { minutes: number } };

/** The portal's rule for its contactTaken answers, from the same settings: its identity window and lock time. */
export const takenAnswerPolicy = (limits: Limits): TakenAnswerPolicy => ({
  windowMs: limits.identityFailureWindowMs, lockMs: limits.identityLockMs, maxAnswers: limits.contactTakenMaxAnswers,
});

/**
 * "Is this number another member's?", asked by a member binding or changing a phone. Each "taken" answer tells
 * whether a number belongs to someone, so the answers are counted per asking member and end in a lock on the
 * member's look-ups (of any number), as the portal's activation does.
 */
export function createPhoneLookUps(deps: { store: WecomStore; journey: Journey; limits: Limits; now(): number }) {
  const { store, journey } = deps;
  const policy = takenAnswerPolicy(deps.limits);
  const locked = (until: number, now: number, lockedNow: boolean): LookUpVerdict => ({
    ok: false, code: 'CONTACT_TAKEN_LOCKED', lockedNow, params: { minutes: minutesUntil(until, now) },
  });

  return {
    // One synchronous transaction from the lock check to the count: parallel look-ups cannot pass the limit.
    check: (uid: string, phone: string): LookUpVerdict => store.transaction(() => {
      const now = deps.now();
      const held = store.takenAnswers.lockedUntil(uid, now);
      if (held !== undefined) return locked(held, now, false);
      const holder = store.members.findByPhone(phone);
      if (holder === undefined || holder.uid === uid) return { ok: true };
      const id = store.takenAnswers.record(uid, now);
      const until = lockAfterTakenAnswer(policy, store.takenAnswers.countSince(uid, now - policy.windowMs), now);
      if (until === undefined) return { ok: false, code: 'WECOM_PHONE_TAKEN', lockedNow: false };
      store.takenAnswers.lock(id, until);
      journey.record(uid, 'WECOM_TAKEN_LOCKED', { outcome: 'error', code: 'CONTACT_TAKEN_LOCKED', params: { minutes: minutesUntil(until, now) } });
      return locked(until, now, true);
    }),
  };
}

export type PhoneLookUps = ReturnType<typeof createPhoneLookUps>;
