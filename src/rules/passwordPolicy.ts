import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { pinyin } from 'pinyin-pro';
import { COMMON_PASSWORDS } from './commonPasswords.ts';
import { normalizeInput, normalizeName } from './text.ts';

// One list of rules: the page renders PASSWORD_RULE_IDS and the server enforces passwordRules.

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minClasses: number;
  minScore: 0 | 1 | 2 | 3 | 4;
}

// 32 because the Wisedu login input truncates longer passwords.
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, maxLength: 32, minClasses: 3, minScore: 3 };

export interface PasswordContext {
  candidateNo: string;
  name: string;
  idNumber: string;
  birthDate?: string /* YYYYMMDD */;
}

export type PasswordRuleId =
  | 'PWD_LENGTH'
  | 'PWD_NO_SPACE'
  | 'PWD_CLASSES'
  | 'PWD_NO_ACCOUNT'
  | 'PWD_NO_NAME_PINYIN'
  | 'PWD_NO_ID_TAIL'
  | 'PWD_NO_BIRTHDATE'
  | 'PWD_NO_SEQUENCE'
  | 'PWD_NO_REPEAT'
  | 'PWD_NOT_COMMON'
  | 'PWD_STRENGTH';

export interface PasswordRule {
  id: PasswordRuleId;
  /** true = satisfied; `score` is the zxcvbn score, computed at most once per assessment. */
  check(password: string, ctx: PasswordContext, policy: PasswordPolicy, score?: () => Score): boolean;
}

export type PasswordVerdict = { ok: true } | { ok: false; failed: PasswordRuleId[]; mismatch: boolean };

type Score = PasswordPolicy['minScore'];

// The default of 100 l33t substitution sets made one check of a 19-character password take ~9 ms of the
// event loop (profiled in npm run bench); 20 gives the same scores on the policy's tests at ~1.4 ms.
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, l33tMaxSubstitutions: 20 });
// zxcvbn is super-linear in length; anything this long already fails PWD_LENGTH.
const MAX_SCORED_LENGTH = 64;

const COMMON_PASSWORD_SET: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
const MIN_PINYIN_LENGTH = 3;
const ID_TAIL_LENGTH = 6;
const SEQUENCE_LENGTH = 3;

const NON_PRINTABLE_ASCII = /[^\x20-\x7E]/;
const CHARACTER_CLASSES: readonly RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[!-/:-@[-`{-~]/];

function includesIgnoringCase(haystack: string, needle: string): boolean {
  return needle !== '' && haystack.toLowerCase().includes(needle.toLowerCase());
}

// Toneless full pinyin of a Chinese name ("张三" → "zhangsan"); Latin names lower-cased without spaces.
// 'ü' yields both keyboard spellings (吕 → lv, lu) since neither is typeable as is.
function namePinyinVariants(name: string): string[] {
  const normalized = normalizeName(name);
  const spelled = /\p{Script=Han}/u.test(normalized)
    ? pinyin(normalized, { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: 'head' }).join('')
    : normalized;
  const compact = spelled.toLowerCase().replace(/[\s\u00B7]/g, '');
  return [...new Set([compact.replace(/ü/g, 'v'), compact.replace(/ü/g, 'u')])];
}

function hasMonotonicRun(password: string): boolean {
  const chars = [...password.toLowerCase()];
  for (let i = 0; i + SEQUENCE_LENGTH <= chars.length; i++) {
    const run = chars.slice(i, i + SEQUENCE_LENGTH);
    const sameKind = run.every((c) => /[0-9]/.test(c)) || run.every((c) => /[a-z]/.test(c));
    if (!sameKind) continue;
    const codes = run.map((c) => c.charCodeAt(0));
    const step = (codes[1] ?? 0) - (codes[0] ?? 0);
    if (Math.abs(step) === 1 && codes.every((code, j) => j === 0 || code - (codes[j - 1] ?? 0) === step)) return true;
  }
  return false;
}

function userInputsFor(ctx: PasswordContext): string[] {
  return [ctx.candidateNo, ...namePinyinVariants(ctx.name), normalizeInput(ctx.idNumber)].filter((s) => s !== '');
}

export function passwordScore(password: string, ctx: PasswordContext): Score {
  return zxcvbn.check(password.slice(0, MAX_SCORED_LENGTH), userInputsFor(ctx)).score;
}

export const passwordRules: readonly PasswordRule[] = [
  {
    id: 'PWD_LENGTH',
    check: (password, _ctx, policy) => {
      const length = [...password].length;
      return length >= policy.minLength && length <= policy.maxLength;
    },
  },
  { id: 'PWD_NO_SPACE', check: (password) => !/\s/u.test(password) },
  {
    id: 'PWD_CLASSES',
    // The portal accepts printable ASCII only; anything else makes the class rule fail.
    check: (password, _ctx, policy) =>
      !NON_PRINTABLE_ASCII.test(password) &&
      CHARACTER_CLASSES.filter((cls) => cls.test(password)).length >= policy.minClasses,
  },
  { id: 'PWD_NO_ACCOUNT', check: (password, ctx) => !includesIgnoringCase(password, normalizeInput(ctx.candidateNo)) },
  {
    id: 'PWD_NO_NAME_PINYIN',
    check: (password, ctx) =>
      namePinyinVariants(ctx.name)
        .filter((spelled) => spelled.length >= MIN_PINYIN_LENGTH)
        .every((spelled) => !includesIgnoringCase(password, spelled)),
  },
  {
    id: 'PWD_NO_ID_TAIL',
    check: (password, ctx) => {
      const id = normalizeInput(ctx.idNumber);
      return id.length < ID_TAIL_LENGTH || !includesIgnoringCase(password, id.slice(-ID_TAIL_LENGTH));
    },
  },
  {
    id: 'PWD_NO_BIRTHDATE',
    // MMDD alone is not checked: it would reject too many unrelated four-digit groups.
    check: (password, ctx) => {
      const birthDate = ctx.birthDate ?? '';
      if (!/^[0-9]{8}$/.test(birthDate)) return true;
      return !password.includes(birthDate) && !password.includes(birthDate.slice(2));
    },
  },
  { id: 'PWD_NO_SEQUENCE', check: (password) => !hasMonotonicRun(password) },
  { id: 'PWD_NO_REPEAT', check: (password) => !/(.)\1\1/su.test(password) },
  { id: 'PWD_NOT_COMMON', check: (password) => !COMMON_PASSWORD_SET.has(password.toLowerCase()) },
  {
    id: 'PWD_STRENGTH',
    check: (password, ctx, policy, score = () => passwordScore(password, ctx)) => score() >= policy.minScore,
  },
];

export const PASSWORD_RULE_IDS: readonly PasswordRuleId[] = passwordRules.map((rule) => rule.id);

/** Every rule's verdict and the strength score, running zxcvbn (the costly part) once. */
export function assessPassword(
  password: string,
  confirmPassword: string,
  ctx: PasswordContext,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): { verdict: PasswordVerdict; score: Score } {
  let computed: Score | undefined;
  const score = () => (computed ??= passwordScore(password, ctx));
  const failed = passwordRules.filter((rule) => !rule.check(password, ctx, policy, score)).map((rule) => rule.id);
  const mismatch = password !== confirmPassword;
  return { verdict: failed.length === 0 && !mismatch ? { ok: true } : { ok: false, failed, mismatch }, score: score() };
}

export function checkPassword(
  password: string,
  confirmPassword: string,
  ctx: PasswordContext,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordVerdict {
  return assessPassword(password, confirmPassword, ctx, policy).verdict;
}
