// The code a simulated SMS or email carries, read back from its text, and the same message with the code hidden.

const CODE_IN_MESSAGE = /验证码为[：:]?\s*(\d{4,8})/;
const MASKED_CODE = '******';

/** The verification code in a message's text, or null when it carries none. */
export function codeInMessage(text: string): string | null {
  return CODE_IN_MESSAGE.exec(text)?.[1] ?? null;
}

/** The message (text or HTML) with every occurrence of its code replaced by asterisks. */
export function maskMessageCode(content: string, code: string | null): string {
  if (!code) return content;
  return content.replace(new RegExp(`(?<!\\d)${code}(?!\\d)`, 'g'), MASKED_CODE);
}
