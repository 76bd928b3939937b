import { describe, expect, it } from 'vitest';
import {
  checkCode,
  codeHashesEqual,
  generateNumericCode,
  generateToken,
  hashCode,
  isWellFormedCode,
  normalizeCode,
} from '../../../src/rules/codes.ts';

const SECRET = 'test-secret-not-for-production';
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('generateNumericCode', () => {
  it.each([
    [undefined, 6],
    [4, 4],
    [8, 8],
  ])('digits=%s gives %i ASCII digits', (digits, length) => {
    for (let i = 0; i < 200; i++) expect(generateNumericCode(digits)).toMatch(new RegExp(`^[0-9]{${length}}$`));
  });

  it('keeps leading zeros (a 1-digit code is 0 one time in ten)', () => {
    const codes = Array.from({ length: 500 }, () => generateNumericCode(1));
    expect(codes.every((c) => c.length === 1)).toBe(true);
    expect(codes).toContain('0');
  });

  it.each([0, -1, 2.5, 13])('refuses digits=%s', (digits) => expect(() => generateNumericCode(digits)).toThrow(RangeError));
});

describe('hashCode and codeHashesEqual', () => {
  const hash = hashCode('042137', SECRET);

  it('is HMAC-SHA256 hex, deterministic, and not the code itself', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode('042137', SECRET)).toBe(hash);
    expect(hash).not.toContain('042137');
  });

  it.each<[string, string, boolean]>([
    [hash, hashCode('042137', SECRET), true],
    [hash, hash.toUpperCase(), true], // same bytes
    [hash, hashCode('042138', SECRET), false], // other code
    [hash, hashCode('042137', 'another-secret'), false], // other key
    [hash, hash.slice(0, 62), false], // different lengths: no throw, false
    [hash, `${hash}00`, false],
    [hash, '', false],
    ['', '', false],
    ['zz', 'zz', false], // invalid hex decodes to nothing; must not count as equal
    ['abc', 'abc', false], // odd length
  ])('%j vs %j → %s', (a, b, expected) => expect(codeHashesEqual(a, b)).toBe(expected));
});

describe('isWellFormedCode and normalizeCode', () => {
  it.each<[string, number | undefined, boolean]>([
    ['042137', undefined, true],
    [' 042137 ', undefined, true],
    [fullWidth('042137'), undefined, true],
    ['04\u200B2137', undefined, true],
    ['04213', undefined, false],
    ['0421370', undefined, false],
    ['04213a', undefined, false],
    ['042 137', undefined, false],
    ['', undefined, false],
    ['٠٤٢١٣٧', undefined, false], // Arabic-Indic digits
    ['0421', 4, true],
    ['042137', 4, false],
  ])('%j (digits=%s) → %s', (raw, digits, expected) => expect(isWellFormedCode(raw, digits)).toBe(expected));

  it.each([
    [fullWidth('042137'), '042137'],
    ['\u3000042137\uFEFF', '042137'],
  ])('normalizeCode(%j) → %j', (raw, expected) => expect(normalizeCode(raw)).toBe(expected));
});

describe('checkCode', () => {
  it.each([
    ['042137', { ok: true, value: '042137' }],
    [fullWidth(' 042137 '), { ok: true, value: '042137' }],
    ['', { ok: false, code: 'CODE_REQUIRED' }],
    ['\u3000', { ok: false, code: 'CODE_REQUIRED' }],
    ['04213', { ok: false, code: 'CODE_FORMAT' }],
    ['04213a', { ok: false, code: 'CODE_FORMAT' }],
  ])('%j → %j', (raw, verdict) => expect(checkCode(raw)).toEqual(verdict));
});

describe('generateToken', () => {
  it.each([
    [undefined, 43], // 32 bytes
    [16, 22],
  ])('bytes=%s gives %i base64url characters', (bytes, length) => {
    const token = generateToken(bytes);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).toHaveLength(length);
  });

  it('does not repeat', () => expect(generateToken()).not.toBe(generateToken()));
});
