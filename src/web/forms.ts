import type { TextCode, TextParams } from './texts.ts';

export type Form = Record<string, unknown>;
export type FieldError = { code: TextCode; params?: TextParams };
export type FieldErrors = Record<string, FieldError>;
export type Parsed<I> = { ok: true; input: I } | { ok: false; errors: FieldErrors };

/** A form field as one string: missing, repeated or non-string values count as empty. */
export function formString(form: Form, name: string, maxLength = 200): string {
  const value = form[name];
  if (typeof value !== 'string') return '';
  return value.length > maxLength ? value.slice(0, maxLength) : value;
}

/** A ticked checkbox (value true, on or 1, as browsers and scripts post it). */
export function formFlag(form: Form, name: string): boolean {
  return ['true', 'on', '1'].includes(formString(form, name, 10));
}

/** The typed values to show again after an error (never the secret ones). */
export function keptValues(form: Form, secretFields: readonly string[] = []): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (name === '_csrf' || secretFields.includes(name) || typeof value !== 'string') continue;
    kept[name] = value.slice(0, 200);
  }
  return kept;
}

type Check<T> = { ok: true; value: T } | { ok: false; code: string };

/**
 * Runs one checker per field and gathers either every value or every error.
 * Checkers come from rules/ and return codes that the texts table knows.
 */
export function parseForm<T extends Record<string, unknown>>(
  form: Form,
  checkers: { [K in keyof T]: (raw: string) => Check<T[K]> },
  params: Partial<Record<keyof T, TextParams>> = {},
): Parsed<T> {
  const input: Partial<T> = {};
  const errors: FieldErrors = {};
  for (const name of Object.keys(checkers) as (keyof T & string)[]) {
    const result = checkers[name](formString(form, name));
    if (result.ok) input[name] = result.value;
    else errors[name] = { code: result.code as TextCode, params: params[name] };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: input as T };
}
