import { normalizeInput } from './text.ts';

export const ID_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'gat_residence_permit',
  'foreign_permanent_residence',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export type IdCheck =
  | { ok: true; value: string; birthDate?: string /* YYYYMMDD; resident_id and gat_residence_permit only */ }
  | {
      ok: false;
      code:
        | 'ID_NUMBER_REQUIRED'
        | 'ID_NUMBER_FORMAT'
        | 'ID_NUMBER_CHECKSUM'
        | 'ID_NUMBER_BIRTHDATE'
        | 'ID_NUMBER_REGION';
    };
type IdErrorCode = Extract<IdCheck, { ok: false }>['code'];

function fail(code: IdErrorCode): IdCheck {
  return { ok: false, code };
}

export function isIdType(x: unknown): x is IdType {
  return typeof x === 'string' && (ID_TYPES as readonly string[]).includes(x);
}

// GB 11643-1999 / ISO 7064 MOD 11-2: W_i = 2^(18-i) mod 11.
const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const GB11643_CHECK_CHARS = '10X98765432';

export function gb11643CheckChar(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('gb11643CheckChar needs exactly 17 digits');
  let sum = 0;
  GB11643_WEIGHTS.forEach((weight, i) => {
    sum += Number(first17[i]) * weight;
  });
  return GB11643_CHECK_CHARS[sum % 11] as string;
}

const EIGHTEEN_CHAR_ID = /^[0-9]{17}[0-9X]$/;
// 11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北 (GB/T 2260 province codes).
const PROVINCE_PREFIX = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])/;
const GAT_ADDRESS_CODES = new Set(['810000', '820000', '830000']);
const EARLIEST_BIRTH_DATE = '19000101';
// Birth dates are Beijing dates; UTC+8 has no DST, so this is exact whatever the server's time zone.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijingDateStamp(instant: Date): string {
  const d = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}${mm}${dd}`;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function checkEighteenCharNumber(value: string, today: Date, isValidAddress: (v: string) => boolean): IdCheck {
  if (!EIGHTEEN_CHAR_ID.test(value)) return fail('ID_NUMBER_FORMAT');
  if (!isValidAddress(value)) return fail('ID_NUMBER_REGION');
  const birthDate = value.slice(6, 14);
  const inRange = birthDate >= EARLIEST_BIRTH_DATE && birthDate <= beijingDateStamp(today);
  if (!isCalendarDate(birthDate) || !inRange) return fail('ID_NUMBER_BIRTHDATE');
  if (gb11643CheckChar(value.slice(0, 17)) !== value[17]) return fail('ID_NUMBER_CHECKSUM');
  return { ok: true, value, birthDate };
}

const HK_MACAO_PERMIT = /^[HM][0-9]{8}([0-9]{2})?$/;
const TAIWAN_PERMIT = /^([0-9]{8}|[0-9]{10})$/;
const FOREIGN_PERMIT_2017 = /^[A-Z]{3}[0-9]{12}$/;
const FOREIGN_PERMIT_2023 = /^9[0-9]{16}[0-9X]$/;
const PASSPORT = /^[A-Z0-9]{5,17}$/;

function byPattern(pattern: RegExp, value: string): IdCheck {
  return pattern.test(value) ? { ok: true, value } : fail('ID_NUMBER_FORMAT');
}

export function checkIdNumber(type: IdType, raw: string, today: Date): IdCheck {
  // Lower-case letters are accepted (a typed "x" check char) and stored upper-case.
  const value = normalizeInput(raw).toUpperCase();
  if (value === '') return fail('ID_NUMBER_REQUIRED');
  switch (type) {
    case 'resident_id':
      return checkEighteenCharNumber(value, today, (v) => PROVINCE_PREFIX.test(v));
    case 'gat_residence_permit':
      return checkEighteenCharNumber(value, today, (v) => GAT_ADDRESS_CODES.has(v.slice(0, 6)));
    case 'hk_macao_permit':
      return byPattern(HK_MACAO_PERMIT, value);
    case 'taiwan_permit':
      return byPattern(TAIWAN_PERMIT, value);
    case 'foreign_permanent_residence':
      if (FOREIGN_PERMIT_2017.test(value)) return { ok: true, value };
      if (!FOREIGN_PERMIT_2023.test(value)) return fail('ID_NUMBER_FORMAT');
      return gb11643CheckChar(value.slice(0, 17)) === value[17] ? { ok: true, value } : fail('ID_NUMBER_CHECKSUM');
    case 'passport':
      return byPattern(PASSPORT, value);
  }
}

export function maskIdNumber(value: string): string {
  const chars = [...value];
  const [head, tail] = chars.length >= 8 ? [3, 4] : [1, 2];
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}
