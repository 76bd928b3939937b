import { zhCN, type TextCode, type TextParams } from './texts.zh-CN.ts';

export type { TextCode, TextParams };

const tables = { 'zh-CN': zhCN } as const;
export type Locale = keyof typeof tables;

export function isTextCode(code: string): code is TextCode {
  return Object.hasOwn(zhCN, code);
}

/** The text for a code; unknown codes fall back to the generic busy message rather than leak a key. */
export function textOf(code: string, params: TextParams = {}, locale: Locale = 'zh-CN'): string {
  const table = tables[locale];
  const entry = isTextCode(code) ? table[code] : table.INTERNAL;
  return entry.text(params);
}
