import { zhCN, type TextCode, type TextParams } from './texts.zh-CN.ts';

export type { TextCode, TextParams };

const tables = { 'zh-CN': zhCN } as const;
export type Locale = keyof typeof tables;

export function isTextCode(code: string): code is TextCode {
  return Object.hasOwn(zhCN, code);
}

/** The text for a code. Codes are typed, so a missing text fails the type check instead of showing a key. */
export function textOf(code: TextCode, params: TextParams = {}, locale: Locale = 'zh-CN'): string {
  return tables[locale][code].text(params);
}

/** The text for a code read from storage (an audit row): unknown codes fall back to the busy message rather than leak a key. */
export function textOfStored(code: string, params: TextParams = {}, locale: Locale = 'zh-CN'): string {
  return textOf(isTextCode(code) ? code : 'INTERNAL', params, locale);
}
