import { randomInt } from 'node:crypto';

const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits from the CSPRNG: safe in URLs, form fields and CAS tickets alike. */
export function newRandomId(length: number): string {
  let id = '';
  for (let i = 0; i < length; i++) id += LETTERS_AND_DIGITS[randomInt(LETTERS_AND_DIGITS.length)];
  return id;
}
