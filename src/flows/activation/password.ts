import { UniqueViolation } from '../../data/candidates.ts';
import type { CandidateRow } from '../../data/candidates.ts';
import { checkIdNumber } from '../../rules/idDocuments.ts';
import { maskEmail } from '../../rules/email.ts';
import { maskPhone } from '../../rules/phone.ts';
import {
  DEFAULT_PASSWORD_POLICY, checkPassword, passwordRules, passwordScore,
  type PasswordContext, type PasswordPolicy,
} from '../../rules/passwordPolicy.ts';
import { formString, type FieldErrors } from '../../web/forms.ts';
import { textOf } from '../../web/texts.ts';
import type { StepResult } from '../../web/wizard.ts';
import { auditActivation, type ActivationContext, type ActivationState, type ActivationStep } from './state.ts';

const PASSWORD_FIELD_MAX = 200;

function policyOf(ctx: ActivationContext): PasswordPolicy {
  return { ...DEFAULT_PASSWORD_POLICY, minScore: ctx.services.config.passwordMinScore };
}

function candidateOf(ctx: ActivationContext): CandidateRow {
  return ctx.services.store.candidates.findById(ctx.state.candidateId!)!;
}

export function passwordContextOf(c: CandidateRow, now: number): PasswordContext {
  const checked = checkIdNumber(c.id_type, c.id_number, new Date(now));
  return { candidateNo: c.candidate_no, name: c.name, idNumber: c.id_number, birthDate: checked.ok ? checked.birthDate : undefined };
}

/** The rules as the page lists them, each with its text: the same list the server enforces. */
export function ruleList(policy: PasswordPolicy) {
  return passwordRules.map((rule) => ({ id: rule.id, text: textOf(rule.id, { ...policy }) }));
}

function finish(ctx: ActivationContext, hash: string): StepResult<ActivationState> {
  const { store } = ctx.services;
  const { candidateId, phone, email } = ctx.state;
  try {
    const won = store.transaction(() => {
      const activated = store.candidates.activate({ id: candidateId!, phone: phone!, email: email!, passwordHash: hash, now: ctx.now });
      if (activated) auditActivation(ctx, 'ACTIVATED', 'ok', { params: { phone: maskPhone(phone!), email: maskEmail(email!) } });
      return activated;
    });
    if (!won) {
      auditActivation(ctx, 'ACTIVATION_COMMIT', 'error', { code: 'ALREADY_ACTIVATED' });
      return { kind: 'invalid', status: 409, errors: { _form: { code: 'ALREADY_ACTIVATED' } } };
    }
    return { kind: 'next', patch: { activatedAt: ctx.now } };
  } catch (err) {
    if (!(err instanceof UniqueViolation) || err.column === 'candidate_no') throw err;
    // Someone bound the number or address since this session verified it: bind another one.
    const code = err.column === 'phone' ? 'PHONE_TAKEN' : 'EMAIL_TAKEN';
    auditActivation(ctx, 'ACTIVATION_COMMIT', 'error', { code });
    const patch = err.column === 'phone' ? { phone: undefined, pendingPhone: undefined } : { email: undefined, pendingEmail: undefined };
    return { kind: 'invalid', status: 409, patch, errors: { _form: { code } } };
  }
}

/** 设置密码: the rules shown on the page are the rules enforced; finishing commits the account at once. */
export const password: ActivationStep<{ password: string; confirmPassword: string }> = {
  id: 'password',
  view: 'activation/password',
  indicator: 4,
  secretFields: ['password', 'confirmPassword'],
  isDone: (s) => s.activatedAt !== undefined,
  viewData: (ctx) => {
    const c = candidateOf(ctx);
    return { rules: ruleList(policyOf(ctx)), candidateNo: c.candidate_no, name: c.name };
  },
  parse(form) {
    const password = formString(form, 'password', PASSWORD_FIELD_MAX);
    const confirmPassword = formString(form, 'confirmPassword', PASSWORD_FIELD_MAX);
    const errors: FieldErrors = {};
    if (password === '') errors.password = { code: 'PASSWORD_REQUIRED' };
    if (confirmPassword === '') errors.confirmPassword = { code: 'PASSWORD_CONFIRM_REQUIRED' };
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input: { password, confirmPassword } };
  },
  async submit(ctx, input) {
    const policy = policyOf(ctx);
    const verdict = checkPassword(input.password, input.confirmPassword, passwordContextOf(candidateOf(ctx), ctx.now), policy);
    if (!verdict.ok) {
      const errors: FieldErrors = {};
      if (verdict.failed.length) errors.password = { code: 'PASSWORD_WEAK' };
      for (const id of verdict.failed) errors[`rule:${id}`] = { code: id, params: { ...policy } };
      if (verdict.mismatch) errors.confirmPassword = { code: 'PASSWORD_MISMATCH' };
      auditActivation(ctx, 'PASSWORD_SET', 'error', {
        code: verdict.failed.length ? 'PASSWORD_WEAK' : 'PASSWORD_MISMATCH',
        params: { failed: verdict.failed.join(',') },
      });
      return { kind: 'invalid', errors };
    }
    // Hash first (slow, async), then one short synchronous transaction.
    const hash = await ctx.services.hashPassword(input.password);
    return finish(ctx, hash);
  },
  jsonActions: {
    /** The strength meter: the same rules, checked as the user types. */
    check(ctx, form) {
      const typed = formString(form, 'password', PASSWORD_FIELD_MAX);
      const pctx = passwordContextOf(candidateOf(ctx), ctx.now);
      const verdict = checkPassword(typed, typed, pctx, policyOf(ctx));
      const failed = verdict.ok ? [] : verdict.failed;
      const score = typed ? passwordScore(typed, pctx) : 0;
      return {
        score,
        label: textOf(`STRENGTH_${score}`),
        rules: passwordRules.map((rule) => ({ id: rule.id, ok: typed !== '' && !failed.includes(rule.id) })),
      };
    },
  },
};
