import { describe, expect, it } from 'vitest';
import { codeSendRefusal, cooldownSecondsLeft, type CodeSendHistory } from '../../../src/rules/codeSendLimits.ts';

const LIMITS = { codeResendCooldownMs: 120_000, codeMaxPerHour: 5, codeMaxPerDay: 10, codeMaxPerDayPerNumber: 20 };
const NOW = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;

/** A history with sends counted at fixed ages: [requester's in the last hour, requester's today, everyone's today]. */
function history(lastSentAgoMs: number | null, [mineHour, mineDay, allDay]: [number, number, number]): CodeSendHistory {
  return {
    lastSentByRequester: lastSentAgoMs === null ? null : NOW - lastSentAgoMs,
    sentByRequesterToTarget: (since) => (since >= NOW - HOUR ? mineHour : mineDay),
    sentToTarget: () => allDay,
  };
}

describe('codeSendRefusal', () => {
  it.each([
    ['never sent', history(null, [0, 0, 0]), undefined],
    ['sent 30 s ago by the requester', history(30_000, [1, 1, 1]), { code: 'CODE_COOLDOWN', params: { seconds: 90 } }],
    ['sent exactly a cooldown ago', history(120_000, [1, 1, 1]), undefined],
    ['others sent 19 today, the requester none', history(null, [0, 0, 19]), undefined],
    ['everyone together reached the number’s cap', history(null, [0, 0, 20]), { code: 'CODE_DAILY_LIMIT' }],
    ['the requester reached the daily cap', history(HOUR * 2, [0, 10, 10]), { code: 'CODE_DAILY_LIMIT' }],
    ['the requester reached the hourly cap', history(HOUR / 2, [5, 5, 5]), { code: 'CODE_HOURLY_LIMIT' }],
    ['a cooldown goes before every cap', history(10_000, [5, 10, 20]), { code: 'CODE_COOLDOWN', params: { seconds: 110 } }],
  ])('%s', (_name, h, refusal) => {
    expect(codeSendRefusal(h, LIMITS, NOW)).toEqual(refusal);
  });
});

describe('cooldownSecondsLeft', () => {
  it.each([
    [null, 0],
    [NOW, 120],
    [NOW - 119_001, 1],
    [NOW - 120_000, 0],
  ])('last sent at %s → %i s', (last, seconds) => expect(cooldownSecondsLeft(last, LIMITS, NOW)).toBe(seconds));
});
