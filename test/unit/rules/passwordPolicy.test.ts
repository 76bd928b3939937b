import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  PASSWORD_RULE_IDS,
  passwordRules,
  passwordScore,
  type PasswordContext,
  type PasswordPolicy,
  type PasswordRuleId,
} from '../../../src/rules/passwordPolicy.ts';
import { COMMON_PASSWORDS } from '../../../src/rules/commonPasswords.ts';

// 张三's candidate number contains "000" and "123", so the single-rule rows use 李四, whose data has no such runs.
const zhang: PasswordContext = {
  candidateNo: '106145000000123',
  name: '张三',
  idNumber: '11010519491231002X',
  birthDate: '19491231',
};
const li: PasswordContext = {
  candidateNo: '106145081357924',
  name: '李四',
  idNumber: '510107199803160018',
  birthDate: '19980316',
};
const GOOD = 'Chengdu#Spring2026!';

const rule = (id: PasswordRuleId) => passwordRules.find((r) => r.id === id)!;
const failedRules = (password: string, ctx: PasswordContext = li, policy?: PasswordPolicy) => {
  const verdict = checkPassword(password, password, ctx, policy);
  return verdict.ok ? [] : verdict.failed;
};

describe('rule list', () => {
  it('is in display order, one entry per id', () => {
    expect(PASSWORD_RULE_IDS).toEqual([
      'PWD_LENGTH',
      'PWD_NO_SPACE',
      'PWD_CLASSES',
      'PWD_NO_ACCOUNT',
      'PWD_NO_NAME_PINYIN',
      'PWD_NO_ID_TAIL',
      'PWD_NO_BIRTHDATE',
      'PWD_NO_SEQUENCE',
      'PWD_NO_REPEAT',
      'PWD_NOT_COMMON',
      'PWD_STRENGTH',
    ]);
    expect(passwordRules.map((r) => r.id)).toEqual(PASSWORD_RULE_IDS);
  });

  it('ships about 200 common passwords', () => expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(200));
});

describe('checkPassword', () => {
  it.each([
    [GOOD, zhang],
    [GOOD, li],
    ['Tianfu!River2026', zhang],
    ['Qingcheng@Shan7', li],
  ])('accepts %j for every rule', (password, ctx) => expect(checkPassword(password, password, ctx)).toEqual({ ok: true }));

  it.each<[string, PasswordRuleId, string]>([
    ['Chengdu#Spring2026!Tianfu#Autumn2027', 'PWD_LENGTH', 'too long: 36 characters'],
    ['Chengdu# Spring2026', 'PWD_NO_SPACE', 'a space'],
    ['Chengdu#Spring2026 ', 'PWD_NO_SPACE', 'a trailing space'],
    ['chengdu#spring-river', 'PWD_CLASSES', 'only lower-case and symbols'],
    ['Chengdu#Spring2026é', 'PWD_CLASSES', 'a non-ASCII character'],
    ['Spring#Chengdu106145081357924', 'PWD_NO_ACCOUNT', 'the candidate number'],
    ['Lisi#Chengdu2026', 'PWD_NO_NAME_PINYIN', 'the name in pinyin, any case'],
    ['Tianfu#160018!', 'PWD_NO_ID_TAIL', 'the last 6 characters of the ID number'],
    ['Tianfu#19980316', 'PWD_NO_BIRTHDATE', 'the birth date YYYYMMDD'],
    ['Tianfu#980316', 'PWD_NO_BIRTHDATE', 'the birth date YYMMDD'],
    ['Tianfu#Xyz2026!', 'PWD_NO_SEQUENCE', 'ascending letters'],
    ['Tianfu#Zyx2026!', 'PWD_NO_SEQUENCE', 'descending letters'],
    ['Tianfu#Lmn2026!', 'PWD_NO_SEQUENCE', 'ascending letters, mixed case'],
    ['Chengdu!!!Spring26', 'PWD_NO_REPEAT', 'three identical symbols'],
    ['Woaini@1314', 'PWD_NOT_COMMON', 'a pinyin favourite'],
    ['Woaini1314!', 'PWD_NOT_COMMON', 'a pinyin favourite with a symbol'],
    ['Aa1!Aa1!', 'PWD_STRENGTH', 'a repeated short pattern'],
    ['Aa1!Bb2@', 'PWD_STRENGTH', 'a keyboard-ish pattern'],
  ])('%j fails only %s (%s)', (password, id) => expect(failedRules(password)).toEqual([id]));

  it.each<[string, PasswordRuleId[]]>([
    ['123456', ['PWD_LENGTH', 'PWD_CLASSES', 'PWD_NO_SEQUENCE', 'PWD_NOT_COMMON', 'PWD_STRENGTH']],
    ['Aa123456', ['PWD_NO_SEQUENCE', 'PWD_NOT_COMMON', 'PWD_STRENGTH']],
    ['P@ssw0rd', ['PWD_NOT_COMMON', 'PWD_STRENGTH']],
    ['Zhangsan#106145000000123', ['PWD_NO_ACCOUNT', 'PWD_NO_NAME_PINYIN', 'PWD_NO_SEQUENCE', 'PWD_NO_REPEAT']],
  ])('collects every failure of %j in display order', (password, expected) =>
    expect(failedRules(password, zhang)).toEqual(expected),
  );

  it.each<[string, string, boolean]>([
    [GOOD, GOOD, false],
    [GOOD, 'Chengdu#Spring2026', true],
    [GOOD, 'chengdu#Spring2026!', true], // case matters
    [GOOD, '', true],
  ])('%j confirmed by %j → mismatch %s', (password, confirm, mismatch) => {
    const verdict = checkPassword(password, confirm, li);
    expect(verdict).toEqual(mismatch ? { ok: false, failed: [], mismatch: true } : { ok: true });
  });

  it('reports rule failures and the mismatch together', () =>
    expect(checkPassword('123456', '1234567', li)).toMatchObject({ ok: false, mismatch: true }));
});

describe('single rules', () => {
  it.each<[string, boolean]>([
    ['Abcdef1!', true], // 8, the minimum
    ['Abcdef1', false], // 7
    ['A'.repeat(32), true],
    ['A'.repeat(33), false],
    ['😀'.repeat(8), true], // counted in code points, not UTF-16 units
    ['😀'.repeat(7), false],
  ])('PWD_LENGTH %j → %s', (password, ok) =>
    expect(rule('PWD_LENGTH').check(password, li, DEFAULT_PASSWORD_POLICY)).toBe(ok),
  );

  it.each<[string, boolean]>([
    ['Chengdu#2026', true],
    ['Chengdu#2026 ', false],
    ['Chengdu\t#2026', false],
    ['Chengdu\u00A0#2026', false], // no-break space
    ['Chengdu\u3000#2026', false], // ideographic space (also fails PWD_CLASSES)
  ])('PWD_NO_SPACE %j → %s', (password, ok) =>
    expect(rule('PWD_NO_SPACE').check(password, li, DEFAULT_PASSWORD_POLICY)).toBe(ok),
  );

  it.each<[string, number, boolean]>([
    ['Chengdu2026', 3, true], // upper, lower, digit
    ['chengdu#2026', 3, true], // lower, symbol, digit
    ['CHENGDU#2026', 3, true],
    ['Chengdu#', 3, true],
    ['chengdu2026', 3, false],
    ['chengdu2026', 2, true],
    ['Chengdu#2026', 4, true],
    ['Chengdu2026', 4, false],
    ['~`[]{}|\\Aa', 3, true], // every ASCII punctuation counts as a symbol
    ['Chengdu#2026成都', 3, false], // non-ASCII is refused by this rule
  ])('PWD_CLASSES %j with minClasses %i → %s', (password, minClasses, ok) =>
    expect(rule('PWD_CLASSES').check(password, li, { ...DEFAULT_PASSWORD_POLICY, minClasses })).toBe(ok),
  );

  it.each<[string, string, boolean]>([
    ['曾小贤', 'Zengxiaoxian#2026', false], // surname reading of 曾 is zeng
    ['单田芳', 'Shantianfang#26', false], // surname reading of 单 is shan
    ['吕小布', 'Lvxiaobu#2026', false], // ü typed as v
    ['吕小布', 'Luxiaobu#2026', false], // ü typed as u
    ['欧阳·娜娜', 'Ouyangnana#2026', false], // middle dot ignored
    ['张 三', 'ZHANGSAN#2026', false],
    ['John Smith', 'Johnsmith#2026', false], // Latin name without spaces
    ['ＪＯＨＮ　Ｓｍｉｔｈ', 'JohnSmith#2026', false],
    ['张三', 'Zhang#San2026', true], // split by a symbol: not the full pinyin
    ['张三', 'Sanzhang#2026', true],
    ['Al', 'Al#Chengdu2026', true], // shorter than 3: not checked
    ['', 'Chengdu#2026', true],
  ])('PWD_NO_NAME_PINYIN for %s, %j → %s', (name, password, ok) =>
    expect(rule('PWD_NO_NAME_PINYIN').check(password, { ...li, name }, DEFAULT_PASSWORD_POLICY)).toBe(ok),
  );

  it.each<[string, string, boolean]>([
    ['11010519491231002X', 'Tianfu#31002x', false], // case-insensitive X
    ['11010519491231002X', 'Tianfu#31002', true],
    ['11010519491231002x', 'Tianfu#31002X', false], // id given in lower case
    ['H12345678', 'Tianfu#345678', false],
    ['', 'Tianfu#345678', true],
  ])('PWD_NO_ID_TAIL for %s, %j → %s', (idNumber, password, ok) =>
    expect(rule('PWD_NO_ID_TAIL').check(password, { ...li, idNumber }, DEFAULT_PASSWORD_POLICY)).toBe(ok),
  );

  it.each<[string | undefined, string, boolean]>([
    ['19980316', 'x19980316', false],
    ['19980316', 'x980316', false],
    ['19980316', 'x0316', true], // MMDD alone is allowed
    ['19980316', 'x1998', true],
    [undefined, 'x19980316', true], // no birth date known
    ['', 'x19980316', true],
  ])('PWD_NO_BIRTHDATE for %s, %j → %s', (birthDate, password, ok) => {
    const ctx: PasswordContext = { ...li };
    if (birthDate === undefined) delete ctx.birthDate;
    else ctx.birthDate = birthDate;
    expect(rule('PWD_NO_BIRTHDATE').check(password, ctx, DEFAULT_PASSWORD_POLICY)).toBe(ok);
  });

  it.each<[string, boolean]>([
    ['x123x', false],
    ['x987x', false],
    ['x890x', true], // 9→0 does not wrap
    ['x012x', false],
    ['xabcx', false],
    ['xCBAx', false],
    ['xaBcx', false],
    ['xyz', false],
    ['x135x', true], // step 2
    ['x12x3', true],
    ['xa1bx', true],
    ['ab12', true], // runs of two only
    ['yz{', true], // letters do not continue into symbols
    ['./0', true], // nor symbols into digits
  ])('PWD_NO_SEQUENCE %j → %s', (password, ok) =>
    expect(rule('PWD_NO_SEQUENCE').check(password, li, DEFAULT_PASSWORD_POLICY)).toBe(ok),
  );

  it.each<[string, boolean]>([
    ['xaaax', false],
    ['x111x', false],
    ['x!!!x', false],
    ['xaax', true],
    ['xaAax', true], // different characters
    ['xa1a1a', true],
  ])('PWD_NO_REPEAT %j → %s', (password, ok) =>
    expect(rule('PWD_NO_REPEAT').check(password, li, DEFAULT_PASSWORD_POLICY)).toBe(ok),
  );

  it.each<[string, boolean]>([
    ['123456', false],
    ['password', false],
    ['Aa123456', false],
    ['qwerty', false],
    ['111111', false],
    ['admin123', false],
    ['Passw0rd!', false],
    ['woaini1314', false],
    ['P@ssw0rd', false],
    ['Abc@123456', false],
    ['PASSWORD', false], // compared lower-cased
    ['password12', true], // exact match only
    [GOOD, true],
  ])('PWD_NOT_COMMON %j → %s', (password, ok) =>
    expect(rule('PWD_NOT_COMMON').check(password, li, DEFAULT_PASSWORD_POLICY)).toBe(ok),
  );

  it.each<[string, 0 | 1 | 2 | 3 | 4, boolean]>([
    ['Aa1!Aa1!', 3, false],
    ['Aa1!Aa1!', 1, true],
    [GOOD, 4, true],
  ])('PWD_STRENGTH %j with minScore %i → %s', (password, minScore, ok) =>
    expect(rule('PWD_STRENGTH').check(password, li, { ...DEFAULT_PASSWORD_POLICY, minScore })).toBe(ok),
  );
});

describe('passwordScore', () => {
  it.each<[string, PasswordContext, number]>([
    ['123456', zhang, 0],
    ['P@ssw0rd', zhang, 0],
    [GOOD, zhang, 4],
  ])('%j → %i', (password, ctx, score) => expect(passwordScore(password, ctx)).toBe(score));

  it('scores the personal data as guessable', () =>
    expect(passwordScore('zhangsan106145000000123', zhang)).toBeLessThan(passwordScore('zhangsan106145000000123', li)));

  it('stays fast on very long input', () => {
    const started = Date.now();
    passwordScore('a1!'.repeat(10_000), zhang);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
