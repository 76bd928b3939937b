import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  gb11643CheckChar,
  ID_TYPES,
  isIdType,
  maskIdNumber,
  type IdCheck,
  type IdType,
} from '../../../src/rules/idDocuments.ts';

// Check characters below were computed with an independent script (ISO 7064 MOD 11-2), not by this module.
const TODAY = new Date('2026-05-01T00:00:00+08:00');
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const ok = (value: string, birthDate?: string): IdCheck =>
  birthDate === undefined ? { ok: true, value } : { ok: true, value, birthDate };
const fail = (code: Extract<IdCheck, { ok: false }>['code']): IdCheck => ({ ok: false, code });

describe('gb11643CheckChar', () => {
  it.each([
    ['11010519491231002', 'X'], // the standard's own example, S = 167
    ['44052418800101001', '4'], // S = 195
    ['51010719980316001', '8'],
    ['91156019900101001', '7'],
    ['81000019900101123', '0'],
  ])('%s → %s', (first17, expected) => expect(gb11643CheckChar(first17)).toBe(expected));

  it.each(['1101051949123100', '110105194912310021', '1101051949123100X'])('rejects %j', (bad) =>
    expect(() => gb11643CheckChar(bad)).toThrow(RangeError),
  );
});

describe('checkIdNumber — resident_id', () => {
  it.each<[string, IdCheck]>([
    ['11010519491231002X', ok('11010519491231002X', '19491231')],
    ['440524188001010014', fail('ID_NUMBER_BIRTHDATE')], // the standard's example: check char valid, but born 1880 < 1900
    ['510107199803160018', ok('510107199803160018', '19980316')],
    ['11010519491231002x', ok('11010519491231002X', '19491231')], // lower-case x normalised
    [fullWidth('11010519491231002X'), ok('11010519491231002X', '19491231')],
    [' 11010519491231002X\u200B', ok('11010519491231002X', '19491231')],
    ['110105200002290021', ok('110105200002290021', '20000229')], // Feb 29 of a leap year
    ['110105202605010024', ok('110105202605010024', '20260501')], // born today
    ['', fail('ID_NUMBER_REQUIRED')],
    ['\u3000', fail('ID_NUMBER_REQUIRED')],
    ['110105491231002', fail('ID_NUMBER_FORMAT')], // legacy 15-digit number
    ['11010519491231002', fail('ID_NUMBER_FORMAT')], // 17 characters
    ['11010519491231002X1', fail('ID_NUMBER_FORMAT')],
    ['1101051949123100XX', fail('ID_NUMBER_FORMAT')], // X only allowed last
    ['11010519491231002Y', fail('ID_NUMBER_FORMAT')],
    ['110105 19491231 002X', fail('ID_NUMBER_FORMAT')],
    ['110105194912310021', fail('ID_NUMBER_CHECKSUM')], // last char flipped
    ['440524188001010015', fail('ID_NUMBER_BIRTHDATE')], // the date is judged before the check char
    ['110105194913310021', fail('ID_NUMBER_BIRTHDATE')], // month 13
    ['110105194912000021', fail('ID_NUMBER_BIRTHDATE')], // day 00
    ['11010519490001002X', fail('ID_NUMBER_BIRTHDATE')], // month 00
    ['110105194912320025', fail('ID_NUMBER_BIRTHDATE')], // Dec 32
    ['110105199902290021', fail('ID_NUMBER_BIRTHDATE')], // Feb 29 of 1999
    ['110105189912310023', fail('ID_NUMBER_BIRTHDATE')], // before 1900
    ['11010520260502002X', fail('ID_NUMBER_BIRTHDATE')], // tomorrow
    ['110105203101010025', fail('ID_NUMBER_BIRTHDATE')], // 2031
    ['990105194912310023', fail('ID_NUMBER_REGION')], // province 99
    ['810000199001011230', fail('ID_NUMBER_REGION')], // 81 belongs to residence permits
    ['710000199001011230', fail('ID_NUMBER_REGION')],
    ['160105194912310021', fail('ID_NUMBER_REGION')], // 16 is no province
  ])('%j → %j', (raw, expected) => expect(checkIdNumber('resident_id', raw, TODAY)).toEqual(expected));

  it.each([
    ['2026-04-30T16:00:00Z', true], // 00:00 on 1 May in Beijing
    ['2026-04-30T15:59:59Z', false], // still 30 April in Beijing
  ])('compares the birth date with the Beijing date at %s → %s', (instant, accepted) =>
    expect(checkIdNumber('resident_id', '110105202605010024', new Date(instant)).ok).toBe(accepted),
  );
});

describe('checkIdNumber — other documents', () => {
  it.each<[IdType, string, IdCheck]>([
    ['gat_residence_permit', '810000199001011230', ok('810000199001011230', '19900101')], // 香港
    ['gat_residence_permit', '820000198511204566', ok('820000198511204566', '19851120')], // 澳门
    ['gat_residence_permit', '830000200103157897', ok('830000200103157897', '20010315')], // 台湾
    ['gat_residence_permit', '', fail('ID_NUMBER_REQUIRED')],
    ['gat_residence_permit', '81000019900101123', fail('ID_NUMBER_FORMAT')],
    ['gat_residence_permit', '11010519491231002X', fail('ID_NUMBER_REGION')], // a resident ID
    ['gat_residence_permit', '810001199001011237', fail('ID_NUMBER_REGION')], // 81 but not 810000
    ['gat_residence_permit', '810000199013011230', fail('ID_NUMBER_BIRTHDATE')],
    ['gat_residence_permit', '810000199001011231', fail('ID_NUMBER_CHECKSUM')],

    ['hk_macao_permit', 'H12345678', ok('H12345678')], // 9-character form
    ['hk_macao_permit', 'M1234567801', ok('M1234567801')], // 11-character form
    ['hk_macao_permit', 'h1234567800', ok('H1234567800')],
    ['hk_macao_permit', fullWidth('H12345678'), ok('H12345678')],
    ['hk_macao_permit', '', fail('ID_NUMBER_REQUIRED')],
    ['hk_macao_permit', 'H1234567', fail('ID_NUMBER_FORMAT')],
    ['hk_macao_permit', 'H123456789', fail('ID_NUMBER_FORMAT')], // 10 characters
    ['hk_macao_permit', 'H123456780123', fail('ID_NUMBER_FORMAT')],
    ['hk_macao_permit', 'K12345678', fail('ID_NUMBER_FORMAT')],
    ['hk_macao_permit', '12345678', fail('ID_NUMBER_FORMAT')],

    ['taiwan_permit', '12345678', ok('12345678')],
    ['taiwan_permit', '1234567890', ok('1234567890')], // pre-2008 form
    ['taiwan_permit', '', fail('ID_NUMBER_REQUIRED')],
    ['taiwan_permit', '1234567', fail('ID_NUMBER_FORMAT')],
    ['taiwan_permit', '123456789', fail('ID_NUMBER_FORMAT')],
    ['taiwan_permit', '12345678A', fail('ID_NUMBER_FORMAT')],
    ['taiwan_permit', 'T12345678', fail('ID_NUMBER_FORMAT')],

    ['foreign_permanent_residence', 'USA110087061501', ok('USA110087061501')], // 2017 form
    ['foreign_permanent_residence', 'usa110087061501', ok('USA110087061501')],
    ['foreign_permanent_residence', '911560199001010017', ok('911560199001010017')], // 2023 form
    ['foreign_permanent_residence', '', fail('ID_NUMBER_REQUIRED')],
    ['foreign_permanent_residence', 'US110087061501', fail('ID_NUMBER_FORMAT')],
    ['foreign_permanent_residence', 'USA11008706150', fail('ID_NUMBER_FORMAT')],
    ['foreign_permanent_residence', '811560199001010017', fail('ID_NUMBER_FORMAT')], // 18 digits not starting with 9
    ['foreign_permanent_residence', '91156019900101001', fail('ID_NUMBER_FORMAT')],
    ['foreign_permanent_residence', '911560199001010018', fail('ID_NUMBER_CHECKSUM')],
    ['foreign_permanent_residence', '91156019900101001X', fail('ID_NUMBER_CHECKSUM')],

    ['passport', 'E12345678', ok('E12345678')],
    ['passport', 'EF1260892', ok('EF1260892')],
    ['passport', 'ef1260892', ok('EF1260892')],
    ['passport', 'AB123', ok('AB123')], // 5 characters
    ['passport', 'A1234567890123456', ok('A1234567890123456')], // 17 characters
    ['passport', ' E12345678 ', ok('E12345678')],
    ['passport', '', fail('ID_NUMBER_REQUIRED')],
    ['passport', 'AB12', fail('ID_NUMBER_FORMAT')],
    ['passport', 'A12345678901234567', fail('ID_NUMBER_FORMAT')], // 18 characters
    ['passport', 'E 12345678', fail('ID_NUMBER_FORMAT')], // inner space
    ['passport', 'E1234-5678', fail('ID_NUMBER_FORMAT')],
    ['passport', 'É12345678', fail('ID_NUMBER_FORMAT')],
  ])('%s %j → %j', (type, raw, expected) => expect(checkIdNumber(type, raw, TODAY)).toEqual(expected));
});

describe('isIdType', () => {
  it.each<[unknown, boolean]>([
    ...ID_TYPES.map((type): [unknown, boolean] => [type, true]),
    ['RESIDENT_ID', false],
    ['id_card', false],
    ['', false],
    [undefined, false],
    [1, false],
    [['resident_id'], false],
  ])('%j → %s', (x, expected) => expect(isIdType(x)).toBe(expected));
});

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110***********002X'],
    ['USA110087061501', 'USA********1501'],
    ['H12345678', 'H12**5678'],
    ['12345678', '123*5678'], // 8 characters: long form
    ['AB12345', 'A****45'], // 7 characters: short form
    ['AB123', 'A**23'],
  ])('%s → %s', (value, expected) => expect(maskIdNumber(value)).toBe(expected));
});
