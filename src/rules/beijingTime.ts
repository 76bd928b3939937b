// Times shown to users are China Standard Time (UTC+8, no daylight saving), as the real portal shows them.

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

const two = (n: number) => String(n).padStart(2, '0');

/** Whole minutes until a time, rounded up: what a lock's refusal shows (请N分钟后再试), never 0 while it holds. */
export const minutesUntil = (until: number, now: number): number => Math.ceil((until - now) / 60_000);

/** 2026-03-10 10:15:00 */
export function formatBeijingTime(utcMs: number): string {
  const d = new Date(utcMs + CST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
