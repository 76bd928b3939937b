import { describe, expect, it } from 'vitest';
import { newPasswordSalt, SALT_ALPHABET } from '../../../src/cas/passwordCrypto.ts';
import { newRandomId, randomString } from '../../../src/web/randomId.ts';

const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** How often each character of the alphabet came up in `draws` strings of `length`. */
function counts(alphabet: string, draw: () => string, draws: number): number[] {
  const seen = new Map<string, number>();
  for (let i = 0; i < draws; i++) for (const ch of draw()) seen.set(ch, (seen.get(ch) ?? 0) + 1);
  expect([...seen.keys()].filter((ch) => !alphabet.includes(ch))).toEqual([]);
  return [...alphabet].map((ch) => seen.get(ch) ?? 0);
}

// 8,000 draws a character: a fair draw stays within a few percent; byte % size alone would give the first
// 256 % size characters 20-25 % more than the others (5/256 against 4/256 for 62 characters, 6/256 against 5/256 for 48).
const PER_CHARACTER = 8000;

describe.each([
  ['newRandomId (letters and digits)', LETTERS_AND_DIGITS, () => newRandomId(16)],
  ['newPasswordSalt (the Wisedu salt alphabet)', SALT_ALPHABET, () => newPasswordSalt()],
])('%s', (_name, alphabet, draw) => {
  it('draws only from its alphabet, every character of it, at its length', () => {
    const sample = draw();
    expect(sample).toHaveLength(16);
    expect(counts(alphabet, draw, 200).every((n) => n > 0)).toBe(true);
  });

  it('favours no character, the first 256 % size (modulo bias) included', () => {
    const tally = counts(alphabet, draw, (alphabet.length * PER_CHARACTER) / 16);
    const favoured = 256 % alphabet.length;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The first characters (the ones modulo bias favours) against the rest: equal within 4 %.
    expect(mean(tally.slice(0, favoured)) / mean(tally.slice(favoured))).toBeGreaterThan(0.96);
    expect(mean(tally.slice(0, favoured)) / mean(tally.slice(favoured))).toBeLessThan(1.04);
    // Pearson's chi-squared over the whole alphabet: far below what any bias of that size gives (hundreds).
    const chiSquared = tally.reduce((sum, n) => sum + (n - PER_CHARACTER) ** 2 / PER_CHARACTER, 0);
    expect(chiSquared).toBeLessThan(alphabet.length * 2.5);
  });
});

describe('randomString', () => {
  it('takes alphabets of 2 to 256 characters, each character uniform', () => {
    expect(randomString('01', 64)).toMatch(/^[01]{64}$/);
    const bytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    expect(randomString(bytes, 300)).toHaveLength(300);
    expect(() => randomString('a', 4)).toThrow(RangeError);
    expect(() => randomString(bytes + 'x', 4)).toThrow(RangeError);
  });

  it('never gives the same id twice in 100,000 draws', () => {
    const ids = new Set(Array.from({ length: 100_000 }, () => newRandomId(16)));
    expect(ids.size).toBe(100_000);
  });
});
