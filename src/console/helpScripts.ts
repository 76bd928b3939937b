import type { Config } from '../config.ts';
import type { Store } from '../data/store.ts';
import { textOf } from '../web/texts.ts';
import { beijingTime } from './format.ts';
import { SITUATIONS, type Situation } from './situations.ts';

/** The placeholders a script may use, filled in for the caller on the candidate page. */
export const SCRIPT_PLACEHOLDERS = ['name', 'candidateNo', 'unlockTime', 'university', 'helpdeskPhone', 'helpdeskEmail', 'codeMinutes', 'cooldownSeconds'] as const;
export type ScriptContext = Partial<Record<(typeof SCRIPT_PLACEHOLDERS)[number], string>>;

export interface HelpScript {
  situation: Situation;
  title: string;
  /** The wording with its {placeholders}, as admins edit it. */
  body: string;
  edited?: { by: string; at: string };
}

/** The school's and the limits' values; a candidate page adds the caller's own. */
export function scriptContext(config: Config): ScriptContext {
  return {
    university: config.university.name,
    helpdeskPhone: config.university.helpdeskPhone,
    helpdeskEmail: config.university.helpdeskEmail,
    codeMinutes: String(Math.round(config.limits.codeTtlMs / 60_000)),
    cooldownSeconds: String(Math.round(config.limits.codeResendCooldownMs / 1000)),
  };
}

/** {name} → the value; a placeholder without a value (e.g. {unlockTime} when not locked) stays as written. */
export function fillScript(body: string, context: ScriptContext): string {
  return body.replace(/\{(\w+)\}/g, (whole, key: string) => context[key as keyof ScriptContext] ?? whole);
}

/** The current script of each situation asked for (every one when none is given): an admin's version or the default. */
export function helpScripts(store: Store, situations: readonly Situation[] = SITUATIONS): HelpScript[] {
  const edited = store.helpScripts.edited();
  return situations.map((situation) => {
    const row = edited.get(situation);
    return {
      situation,
      title: textOf(`SITUATION_${situation}`),
      body: row?.body ?? textOf(`SCRIPT_${situation}`),
      edited: row ? { by: row.updated_by, at: beijingTime(row.updated_at) } : undefined,
    };
  });
}
