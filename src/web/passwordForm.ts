import type { Config } from '../config.ts';
import type { CandidateRow } from '../data/candidates.ts';
import { checkIdNumber } from '../rules/idDocuments.ts';
import {
  DEFAULT_PASSWORD_POLICY, assessPassword, passwordRules,
  type PasswordContext, type PasswordPolicy, type PasswordVerdict,
} from '../rules/passwordPolicy.ts';
import { formString, type FieldErrors, type Form, type Parsed } from './forms.ts';
import { textOf } from './texts.ts';

// The password form shared by 账号激活 and 忘记密码: one policy, one rule list, one strength meter.

export const PASSWORD_FIELD_MAX = 200;

export function policyOf(config: Config): PasswordPolicy {
  return { ...DEFAULT_PASSWORD_POLICY, minScore: config.passwordMinScore };
}

export function passwordContextOf(c: CandidateRow, now: number): PasswordContext {
  const checked = checkIdNumber(c.id_type, c.id_number, new Date(now));
  return { candidateNo: c.candidate_no, name: c.name, idNumber: c.id_number, birthDate: checked.ok ? checked.birthDate : undefined };
}

/** The rules as the page lists them, each with its text: the same list the server enforces. */
export function ruleList(policy: PasswordPolicy) {
  return passwordRules.map((rule) => ({ id: rule.id, text: textOf(rule.id, { ...policy }) }));
}

export function parsePasswordForm(form: Form): Parsed<{ password: string; confirmPassword: string }> {
  const password = formString(form, 'password', PASSWORD_FIELD_MAX);
  const confirmPassword = formString(form, 'confirmPassword', PASSWORD_FIELD_MAX);
  const errors: FieldErrors = {};
  if (password === '') errors.password = { code: 'PASSWORD_REQUIRED' };
  if (confirmPassword === '') errors.confirmPassword = { code: 'PASSWORD_CONFIRM_REQUIRED' };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input: { password, confirmPassword } };
}

/** How a refused password is audited, the same in activation and recovery. */
export function refusedPasswordAudit(verdict: Exclude<PasswordVerdict, { ok: true }>) {
  return { code: verdict.failed.length ? 'PASSWORD_WEAK' : 'PASSWORD_MISMATCH', params: { failed: verdict.failed.join(',') } };
}

/** Field errors for a failed verdict: the headline, one entry per failed rule, the mismatch. */
export function passwordErrors(verdict: Exclude<PasswordVerdict, { ok: true }>, policy: PasswordPolicy): FieldErrors {
  const errors: FieldErrors = {};
  if (verdict.failed.length) errors.password = { code: 'PASSWORD_WEAK' };
  for (const id of verdict.failed) errors[`rule:${id}`] = { code: id, params: { ...policy } };
  if (verdict.mismatch) errors.confirmPassword = { code: 'PASSWORD_MISMATCH' };
  return errors;
}

/** The strength meter's answer: the same rules, checked as the user types. */
export function strengthOf(typed: string, ctx: PasswordContext, policy: PasswordPolicy) {
  const assessed = assessPassword(typed, typed, ctx, policy);
  const failed = assessed.verdict.ok ? [] : assessed.verdict.failed;
  const score = typed ? assessed.score : 0;
  return {
    score,
    label: textOf(`STRENGTH_${score}`),
    rules: passwordRules.map((rule) => ({ id: rule.id, ok: typed !== '' && !failed.includes(rule.id) })),
  };
}
