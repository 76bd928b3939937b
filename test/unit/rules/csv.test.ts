import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../src/rules/csv.ts';

describe('csvCell', () => {
  it.each([
    ['张伟', '张伟'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("u","x")', `"'=HYPERLINK(""u"",""x"")"`],
    ['138****8009', '138****8009'],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it('writes empty cells for missing values and ends records with CRLF', () => {
    expect(csvLine(['1', null, undefined, 2])).toBe('1,,,2\r\n');
  });
});
