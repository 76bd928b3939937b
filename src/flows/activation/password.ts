import { UniqueViolation } from '../../data/candidates.ts';
import type { CandidateRow } from '../../data/candidates.ts';
import { maskEmail } from '../../rules/email.ts';
import { maskPhone } from '../../rules/phone.ts';
import { checkPassword } from '../../rules/passwordPolicy.ts';
import { formString } from '../../web/forms.ts';
import {
  PASSWORD_FIELD_MAX, parsePasswordForm, passwordContextOf, passwordErrors, policyOf, refusedPasswordAudit, ruleList, strengthOf,
} from '../../web/passwordForm.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditActivation, type ActivationContext, type ActivationState, type ActivationStep } from './state.ts';

function candidateOf(ctx: ActivationContext): CandidateRow {
  return ctx.services.store.candidates.findById(ctx.state.candidateId!)!;
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
  secretFields: ['password', 'confirmPassword'],
  isDone: (s) => s.activatedAt !== undefined,
  viewData: (ctx) => {
    const c = candidateOf(ctx);
    return { rules: ruleList(policyOf(ctx.services.config)), candidateNo: c.candidate_no, name: c.name };
  },
  parse: parsePasswordForm,
  async submit(ctx, input) {
    const policy = policyOf(ctx.services.config);
    const verdict = checkPassword(input.password, input.confirmPassword, passwordContextOf(candidateOf(ctx), ctx.now), policy);
    if (!verdict.ok) {
      auditActivation(ctx, ctx.event, 'error', refusedPasswordAudit(verdict));
      return { kind: 'invalid', errors: passwordErrors(verdict, policy) };
    }
    // Hash first (slow, async), then one short synchronous transaction.
    const hash = await ctx.services.hashPassword(input.password);
    return finish(ctx, hash);
  },
  jsonActions: {
    /** The strength meter: the same rules, checked as the user types. */
    check: (ctx, form) =>
      strengthOf(formString(form, 'password', PASSWORD_FIELD_MAX), passwordContextOf(candidateOf(ctx), ctx.now), policyOf(ctx.services.config)),
  },
};
