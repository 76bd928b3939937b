import { describe, expect, it } from 'vitest';
import { checkEmail, maskEmail, type EmailCheck } from '../../../src/rules/email.ts';

const FORMAT: EmailCheck = { ok: false, code: 'EMAIL_FORMAT' };
const label63 = 'a'.repeat(63);

describe('checkEmail', () => {
  it.each<[string, EmailCheck]>([
    ['zhangsan2024@163.com', { ok: true, value: 'zhangsan2024@163.com' }],
    ['ZhangSan@QQ.COM', { ok: true, value: 'zhangsan@qq.com' }], // lower-cased whole: one mailbox, one spelling
    ['  li.si@std.uestc.edu.cn ', { ok: true, value: 'li.si@std.uestc.edu.cn' }],
    ['ｌｉｓｉ＠１２６．ｃｏｍ', { ok: true, value: 'lisi@126.com' }], // full-width input
    ["o'brien+portal@mail-server.example.org", { ok: true, value: "o'brien+portal@mail-server.example.org" }],
    ["!#$%&'*+/=?^_`{|}~-@example.com", { ok: true, value: "!#$%&'*+/=?^_`{|}~-@example.com" }],
    [`${'a'.repeat(64)}@qq.com`, { ok: true, value: `${'a'.repeat(64)}@qq.com` }],
    [`a@${label63}.com`, { ok: true, value: `a@${label63}.com` }],
    ['', { ok: false, code: 'EMAIL_REQUIRED' }],
    ['\u3000', { ok: false, code: 'EMAIL_REQUIRED' }],
    ['zhangsan163.com', FORMAT], // no @
    ['zhang@san@163.com', FORMAT], // two @
    ['@163.com', FORMAT], // empty local part
    [`${'a'.repeat(65)}@qq.com`, FORMAT], // local part 65
    ['.zhangsan@163.com', FORMAT],
    ['zhangsan.@163.com', FORMAT],
    ['zhang..san@163.com', FORMAT],
    ['zhang san@163.com', FORMAT],
    ['"zhang"@163.com', FORMAT], // quoted local parts unsupported
    ['张三@163.com', FORMAT],
    ['zhangsan@', FORMAT],
    ['zhangsan@localhost', FORMAT], // one label
    ['zhangsan@163.c', FORMAT], // TLD of one letter
    ['zhangsan@163.c0m', FORMAT], // TLD with a digit
    ['zhangsan@-163.com', FORMAT],
    ['zhangsan@163-.com', FORMAT],
    ['zhangsan@163..com', FORMAT],
    ['zhangsan@.163.com', FORMAT],
    ['zhangsan@163.com.', FORMAT],
    ['zhangsan@163_mail.com', FORMAT],
    [`a@${'a'.repeat(64)}.com`, FORMAT], // label of 64
    [`a@${[label63, label63, label63, 'a'.repeat(57)].join('.')}.com`, FORMAT], // 255 characters
    ['zhangsan@网易.com', FORMAT],
  ])('%j → %j', (raw, expected) => expect(checkEmail(raw)).toEqual(expected));

  it('accepts exactly 254 characters', () => {
    const email = `a@${[label63, label63, label63, 'a'.repeat(56)].join('.')}.com`;
    expect(email).toHaveLength(254);
    expect(checkEmail(email).ok).toBe(true);
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhangsan2024@163.com', 'zha***@163.com'],
    ['ab@qq.com', 'a***@qq.com'],
    ['a@qq.com', 'a***@qq.com'],
    ['lisi99@126.com', 'l***@126.com'], // 6 characters: short form
    ['lisi999@126.com', 'lis***@126.com'], // 7 characters: long form
  ])('%s → %s', (value, expected) => expect(maskEmail(value)).toBe(expected));
});
