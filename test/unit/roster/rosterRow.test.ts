import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { sniffEncoding } from '../../../src/roster/csvSource.ts';
import { checkRosterRow, fieldOfHeader, idTypeOf } from '../../../src/roster/rosterRow.ts';

const ctx = { institutionCode: '10614', today: new Date(Date.UTC(2026, 2, 10)) };
const good = { candidateNo: '106146510200001', name: '孙浩然', idType: '居民身份证', idNumber: '510107200103151618' };

describe('checkRosterRow', () => {
  it.each([
    [{}, ['candidateNo:CANDIDATE_NO_REQUIRED', 'name:NAME_REQUIRED', 'idType:IMPORT_ID_TYPE_UNKNOWN']],
    [{ ...good, candidateNo: '100016510200001' }, ['candidateNo:CANDIDATE_NO_INSTITUTION']],
    [{ ...good, idNumber: '51010720010315161X' }, ['idNumber:ID_NUMBER_CHECKSUM']],
    [{ ...good, idType: '驾照' }, ['idType:IMPORT_ID_TYPE_UNKNOWN']],
    [{ ...good, accountType: '访客' }, ['accountType:IMPORT_ACCOUNT_TYPE_UNKNOWN']],
    [{ ...good, major: '专'.repeat(101) }, ['major:IMPORT_TEXT_TOO_LONG']],
  ])('%j → %j', (record, expected) => {
    const result = checkRosterRow(7, record, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => `${e.field}:${e.code}`)).toEqual(expected);
      expect(result.errors.every((e) => e.line === 7)).toBe(true);
    }
  });

  it('normalises like the identity page and defaults the account type', () => {
    const result = checkRosterRow(2, { candidateNo: '１０６１４６５１０２００００１', name: ' 阿卜杜．热合曼 ', idType: 'resident_id', idNumber: '510107200103151618', department: '  ' }, ctx);
    expect(result).toEqual({ ok: true, value: { candidateNo: '106146510200001', name: '阿卜杜·热合曼', idType: 'resident_id', idNumber: '510107200103151618', department: null, major: null, accountType: 'candidate' } });
  });

  it.each([['考生号', 'candidateNo'], [' 证件 类型 ', 'idType'], ['IDNUMBER', 'idNumber'], ['院系', 'department'], ['备注', undefined]])('header %s → %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it.each([['港澳居民来往内地通行证', 'hk_macao_permit'], ['passport', 'passport'], ['身份证', undefined]])('id type %s → %s', (raw, type) => {
    expect(idTypeOf(raw)).toBe(type);
  });
});

describe('sniffEncoding', () => {
  it.each([
    [Buffer.from('考生号,姓名\n'), 'utf-8'],
    [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('考生号')]), 'utf-8-bom'],
    [iconv.encode('考生号,姓名\n', 'gbk'), 'gbk'],
    [Buffer.from('考生号').subarray(0, 4), 'utf-8'], // a character cut at the end of the sample
    [Buffer.from('candidateNo,name\n'), 'utf-8'],
  ])('%#: %s', (bytes, encoding) => {
    expect(sniffEncoding(bytes)).toBe(encoding);
  });
});
