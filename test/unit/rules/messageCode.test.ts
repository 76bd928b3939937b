import { describe, expect, it } from 'vitest';
import { codeInMessage, maskMessageCode } from '../../../src/rules/messageCode.ts';

describe('the code in a message', () => {
  it.each([
    ['【电子科技大学】您的验证码为123456，5分钟内有效，请勿泄露。', '123456'],
    ['您正在激活账号，邮箱验证码为：654321\n验证码5分钟内有效', '654321'],
    ['您好，没有验证码的消息', null],
  ])('%j → %j', (text, code) => expect(codeInMessage(text)).toBe(code));

  it('is masked everywhere it appears, and only where it stands alone', () => {
    const html = '<p>验证码为：</p><p style="font-size:28px">123456</p><p>电话 028-61123456 7</p>';
    expect(maskMessageCode(html, '123456')).toBe('<p>验证码为：</p><p style="font-size:28px">******</p><p>电话 028-61123456 7</p>');
    expect(maskMessageCode('no code', null)).toBe('no code');
  });
});
