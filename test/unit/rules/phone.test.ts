import { describe, expect, it } from 'vitest';
import { checkPhone, maskPhone, type PhoneCheck } from '../../../src/rules/phone.ts';

describe('checkPhone', () => {
  it.each<[string, PhoneCheck]>([
    ['13800138000', { ok: true, value: '13800138000' }],
    ['19912345678', { ok: true, value: '19912345678' }],
    ['13312345678', { ok: true, value: '13312345678' }],
    ['+8613800138000', { ok: true, value: '13800138000' }],
    ['+86 138 0013 8000', { ok: true, value: '13800138000' }],
    ['008613800138000', { ok: true, value: '13800138000' }],
    ['8613800138000', { ok: true, value: '13800138000' }],
    ['138-0013-8000', { ok: true, value: '13800138000' }],
    ['１３８００１３８０００', { ok: true, value: '13800138000' }], // full-width digits
    ['＋８６\u3000１３８００１３８０００', { ok: true, value: '13800138000' }],
    [' 13800138000\u200B', { ok: true, value: '13800138000' }],
    ['', { ok: false, code: 'PHONE_REQUIRED' }],
    [' - ', { ok: false, code: 'PHONE_REQUIRED' }],
    ['12800138000', { ok: false, code: 'PHONE_FORMAT' }], // network digit 2
    ['12012345678', { ok: false, code: 'PHONE_FORMAT' }],
    ['11800138000', { ok: false, code: 'PHONE_FORMAT' }],
    ['23800138000', { ok: false, code: 'PHONE_FORMAT' }],
    ['1380013800', { ok: false, code: 'PHONE_FORMAT' }], // 10 digits
    ['138001380001', { ok: false, code: 'PHONE_FORMAT' }], // 12 digits
    ['+85213800138000', { ok: false, code: 'PHONE_FORMAT' }], // Hong Kong country code
    ['+13800138000', { ok: false, code: 'PHONE_FORMAT' }],
    ['+861380013800', { ok: false, code: 'PHONE_FORMAT' }], // +86 then only 10 digits
    ['86 12800138000', { ok: false, code: 'PHONE_FORMAT' }],
    ['(138)00138000', { ok: false, code: 'PHONE_FORMAT' }],
    ['1380013800a', { ok: false, code: 'PHONE_FORMAT' }],
  ])('%j → %j', (raw, expected) => expect(checkPhone(raw)).toEqual(expected));
});

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['13800138000', '138****8000'],
  ])('%s → %s', (value, expected) => expect(maskPhone(value)).toBe(expected));
});
