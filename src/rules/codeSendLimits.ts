// When a verification code may be sent: one rule for the portal's codes and the WeCom app's, each counted in
// its own tables.

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface CodeSendLimits {
  codeResendCooldownMs: number;
  codeMaxPerHour: number;
  codeMaxPerDay: number;
  codeMaxPerDayPerNumber: number;
}

/** What the store knows about earlier sends: the requester's own, and everyone's to the number or address. */
export interface CodeSendHistory {
  /** When the requester last had a code sent for this purpose, or null. */
  lastSentByRequester: number | null;
  /** Codes the requester had sent to this number or address since the time given. */
  sentByRequesterToTarget(since: number): number;
  /** Codes everyone together had sent to this number or address since the time given. */
  sentToTarget(since: number): number;
}

export type CodeSendRefusal =
  | { code: 'CODE_COOLDOWN'; params: { seconds: number } }
  | { code: 'CODE_DAILY_LIMIT' | 'CODE_HOURLY_LIMIT'; params?: undefined };

/** Whole seconds left of the requester's own resend cooldown (0 when a code may go now). */
export function cooldownSecondsLeft(lastSentByRequester: number | null, limits: CodeSendLimits, now: number): number {
  const left = (lastSentByRequester ?? 0) + limits.codeResendCooldownMs - now;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/**
 * Why a code may not be sent now, if it may not. The cooldown is the requester's own and the caps are per
 * requester and number, under a per-number cap no single requester can use up: nobody can block another's codes.
 */
export function codeSendRefusal(history: CodeSendHistory, limits: CodeSendLimits, now: number): CodeSendRefusal | undefined {
  const seconds = cooldownSecondsLeft(history.lastSentByRequester, limits, now);
  if (seconds > 0) return { code: 'CODE_COOLDOWN', params: { seconds } };
  if (history.sentByRequesterToTarget(now - DAY) >= limits.codeMaxPerDay || history.sentToTarget(now - DAY) >= limits.codeMaxPerDayPerNumber) {
    return { code: 'CODE_DAILY_LIMIT' };
  }
  if (history.sentByRequesterToTarget(now - HOUR) >= limits.codeMaxPerHour) return { code: 'CODE_HOURLY_LIMIT' };
  return undefined;
}
