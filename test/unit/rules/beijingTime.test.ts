import { describe, expect, it } from 'vitest';
import { formatBeijingTime, minutesUntil } from '../../../src/rules/beijingTime.ts';

describe('times shown to users', () => {
  it('formats an instant in China Standard Time', () => {
    expect(formatBeijingTime(Date.UTC(2026, 2, 10, 2, 15, 0))).toBe('2026-03-10 10:15:00');
    expect(formatBeijingTime(Date.UTC(2026, 2, 10, 16, 0, 1))).toBe('2026-03-11 00:00:01');
  });

  it('rounds the minutes until a lock ends up, so a lock that holds never reads 0 minutes', () => {
    const now = Date.UTC(2026, 2, 10, 2, 0, 0);
    expect(minutesUntil(now + 30 * 60_000, now)).toBe(30);
    expect(minutesUntil(now + 29 * 60_000 + 1, now)).toBe(30);
    expect(minutesUntil(now + 1, now)).toBe(1);
    expect(minutesUntil(now + 60_000, now)).toBe(1);
  });
});
