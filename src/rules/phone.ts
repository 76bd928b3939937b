import { normalizeInput } from './text.ts';

export type PhoneCheck = { ok: true; value: string } | { ok: false; code: 'PHONE_REQUIRED' | 'PHONE_FORMAT' };

// Country code is stripped only when exactly 11 digits follow, so "86…" never eats a real prefix.
const WITH_COUNTRY_CODE = /^(?:\+86|0086|86)([0-9]{11})$/;
// Mainland mobile: 1 + network digit 3–9 + 9 digits.
const MAINLAND_MOBILE = /^1[3-9][0-9]{9}$/;

export function checkPhone(raw: string): PhoneCheck {
  const compact = normalizeInput(raw).replace(/[\s-]/g, '');
  if (compact === '') return { ok: false, code: 'PHONE_REQUIRED' };
  const value = compact.replace(WITH_COUNTRY_CODE, '$1');
  if (!MAINLAND_MOBILE.test(value)) return { ok: false, code: 'PHONE_FORMAT' };
  return { ok: true, value };
}

export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
