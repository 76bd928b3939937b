import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { normalizeInput } from './text.ts';

// Verification codes shared by SMS, email and password reset.

export function generateNumericCode(digits = 6): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 12) throw new RangeError('digits must be 1–12');
  // randomInt draws uniformly from [0, 10^digits); padding keeps codes like 004213.
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

// Keyed hash so a stolen database does not yield usable codes; codes are never stored in clear.
export function hashCode(code: string, secret: string): string {
  return createHmac('sha256', secret).update(code, 'utf8').digest('hex');
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

export function codeHashesEqual(aHex: string, bHex: string): boolean {
  // Buffer.from silently drops bad hex, which could make two garbage strings "equal".
  if (!HEX.test(aHex) || !HEX.test(bHex)) return false;
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

export function normalizeCode(raw: string): string {
  return normalizeInput(raw);
}

export function isWellFormedCode(raw: string, digits = 6): boolean {
  return new RegExp(`^[0-9]{${digits}}$`).test(normalizeCode(raw));
}

export type CodeCheck = { ok: true; value: string } | { ok: false; code: 'CODE_REQUIRED' | 'CODE_FORMAT' };

/** A typed code, normalised, or why it cannot be one: the same answer on every page that asks for a code. */
export function checkCode(raw: string, digits = 6): CodeCheck {
  const value = normalizeCode(raw);
  if (value === '') return { ok: false, code: 'CODE_REQUIRED' };
  return isWellFormedCode(value, digits) ? { ok: true, value } : { ok: false, code: 'CODE_FORMAT' };
}

export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
