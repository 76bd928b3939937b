import type { AuditRow } from '../data/audit.ts';
import { formatBeijingTime } from '../rules/beijingTime.ts';
import { textOf, type TextParams } from '../web/texts.ts';

const MINUTE = 60_000;

/** The raw parameters of an audit row; a row written by an older version may hold anything. */
export function rawParamsOf(row: AuditRow): Record<string, unknown> {
  if (!row.params) return {};
  try {
    const parsed: unknown = JSON.parse(row.params);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The parameters to render the row's message with, as the candidate saw it: a lock's end time from the
 * recorded time or duration, and a neutral placeholder for anything not recorded (never "undefined").
 */
export function messageParamsOf(row: AuditRow): TextParams {
  const raw = rawParamsOf(row);
  const params: TextParams = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  if (typeof raw.until === 'number') params.until = formatBeijingTime(raw.until);
  else if (params.until === undefined && typeof raw.minutes === 'number') params.until = formatBeijingTime(row.at + raw.minutes * MINUTE);
  return withPlaceholders(params);
}

/** Reading a parameter that was not recorded gives a placeholder (未记录) rather than "undefined". */
export function withPlaceholders(params: TextParams, missing = textOf('PARAM_NOT_RECORDED')): TextParams {
  return new Proxy(params, {
    get: (target, key) => (typeof key === 'string' && target[key] === undefined ? missing : Reflect.get(target, key)),
  });
}
