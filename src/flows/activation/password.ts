import type { CandidateRow } from '../../data/candidates.ts';
import { commitActivation } from '../../roster/activateAccount.ts';
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
  const { candidateId, phone, email } = ctx.state;
  const outcome = commitActivation(ctx.services.store, { id: candidateId!, phone: phone!, email: email!, passwordHash: hash, now: ctx.now }, { ip: ctx.ip });
  if (outcome.ok) return { kind: 'next', patch: { activatedAt: ctx.now } };
  auditActivation(ctx, 'ACTIVATION_COMMIT', 'error', { code: outcome.code });
  if (outcome.code === 'ALREADY_ACTIVATED') return { kind: 'invalid', status: 409, errors: { _form: { code: outcome.code } } };
  // Someone bound the number or address since this session verified it: bind another one.
  const patch = outcome.column === 'phone' ? { phone: undefined, pendingPhone: undefined } : { email: undefined, pendingEmail: undefined };
  return { kind: 'invalid', status: 409, patch, errors: { _form: { code: outcome.code } } };
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
