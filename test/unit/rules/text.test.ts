import { describe, expect, it } from 'vitest';
import { namesMatch, normalizeInput, normalizeName, toHalfWidth } from '../../../src/rules/text.ts';

describe('toHalfWidth', () => {
  it.each([
    ['１２３４５６', '123456'], // full-width digits from a Chinese IME
    ['ＡＢＣｘｙｚ', 'ABCxyz'],
    ['！～＠＃', '!~@#'], // edges of the U+FF01–FF5E block
    ['a\u3000b', 'a b'], // ideographic space
    ['张三', '张三'], // CJK untouched
    ['', ''],
  ])('%j → %j', (input, expected) => expect(toHalfWidth(input)).toBe(expected));
});

describe('normalizeInput', () => {
  it.each([
    ['  10614  ', '10614'], // trims
    ['\u3000１０６１４\u3000', '10614'], // ideographic spaces around full-width digits
    ['106\u200B14', '10614'], // zero-width space inside
    ['\uFEFF10614', '10614'], // BOM pasted at the start
    ['\u202E10614\u202C', '10614'], // bidi override pair
    ['\u206610614\u2069', '10614'], // bidi isolate pair
    ['\u200E\u200F10614', '10614'], // LRM, RLM
    ['\u200B 10614 \u200B', '10614'], // invisible marks do not stop the trim
    ['ｆｉ', 'fi'], // NFKC compatibility
    ['\u212B', '\u00C5'], // NFKC canonical (angstrom sign → Å)
    ['a b', 'a b'], // inner spaces kept
  ])('%j → %j', (input, expected) => expect(normalizeInput(input)).toBe(expected));
});

describe('normalizeName', () => {
  it.each([
    ['张三', '张三'],
    [' 张 三 ', '张三'], // inner spaces in CJK names dropped
    ['张\u3000三', '张三'],
    ['john smith', 'JOHN SMITH'], // Latin upper-cased, one space kept
    ['John    Smith', 'JOHN SMITH'], // runs collapsed
    ['ＪＯＨＮ　Ｓｍｉｔｈ', 'JOHN SMITH'], // full-width Latin and ideographic space
    ['阿卜杜·热合曼', '阿卜杜·热合曼'],
    ['阿卜杜•热合曼', '阿卜杜·热合曼'], // U+2022 bullet
    ['阿卜杜・热合曼', '阿卜杜·热合曼'], // U+30FB katakana middle dot
    ['阿卜杜‧热合曼', '阿卜杜·热合曼'], // U+2027 hyphenation point
    ['阿卜杜．热合曼', '阿卜杜·热合曼'], // U+FF0E full-width full stop
    ['阿卜杜 · 热合曼', '阿卜杜·热合曼'], // spaces around the dot dropped
    ['Jean · Paul', 'JEAN·PAUL'],
    ['Wang Xiao明', 'WANG XIAO明'],
    ['李\u200B四', '李四'],
  ])('%j → %j', (input, expected) => expect(normalizeName(input)).toBe(expected));
});

describe('namesMatch', () => {
  it.each([
    ['张三', ' 张 三', true],
    ['张三', '张四', false],
    ['阿卜杜·热合曼', '阿卜杜・热合曼', true],
    ['John Smith', 'JOHN  SMITH', true],
    ['John Smith', 'JohnSmith', false], // the space between Latin words is significant
    ['', '', true],
  ])('%j vs %j → %s', (a, b, expected) => expect(namesMatch(a, b)).toBe(expected));
});
