import { checkPassword } from '../../rules/passwordPolicy.ts';
import { formString } from '../../web/forms.ts';
import {
  PASSWORD_FIELD_MAX, parsePasswordForm, passwordContextOf, passwordErrors, policyOf, refusedPasswordAudit, ruleList, strengthOf,
} from '../../web/passwordForm.ts';
import type { StepResult } from '../../wizard/step.ts';
import { auditRecovery, candidateOf, type RecoveryContext, type RecoveryState, type RecoveryStep } from './state.ts';

/** Writes the new password and ends every SSO session of the account in one transaction, then tells their services. */
async function finish(ctx: RecoveryContext, hash: string): Promise<StepResult<RecoveryState>> {
  const { store, singleLogout } = ctx.services;
  const c = candidateOf(ctx);
  const replaced = await singleLogout.endSessions(() => {
    if (!store.credentials.replacePassword({ id: c.id, passwordHash: hash, now: ctx.now })) return { ended: [], result: false };
    const ended = store.ssoSessions.endAllForCandidate(c.id, ctx.now);
    // A new password lifts a login lock: the owner has just proved control of the bound phone or email.
    store.attempts.unlock(['login'], c.candidate_no);
    auditRecovery(ctx, ctx.event, 'ok', { params: { method: ctx.state.method, sessionsEnded: ended.length } });
    return { ended, result: true };
  });
  if (!replaced) {
    auditRecovery(ctx, ctx.event, 'error', { code: 'RECOVERY_ACCOUNT_UNKNOWN' });
    return { kind: 'invalid', status: 409, errors: { _form: { code: 'RECOVERY_ACCOUNT_UNKNOWN' } } };
  }
  return { kind: 'next', patch: { resetAt: ctx.now } };
}

/** 重置密码: the same policy and rule list as activation; the old password may not be reused. */
export const password: RecoveryStep<{ password: string; confirmPassword: string }> = {
  id: 'password',
  view: 'recovery/password',
  secretFields: ['password', 'confirmPassword'],
  isDone: (s) => s.resetAt !== undefined,
  viewData: (ctx) => {
    const c = candidateOf(ctx);
    return { rules: ruleList(policyOf(ctx.services.config)), username: c.candidate_no, name: c.name };
  },
  parse: parsePasswordForm,
  async submit(ctx, input) {
    const policy = policyOf(ctx.services.config);
    const c = candidateOf(ctx);
    const verdict = checkPassword(input.password, input.confirmPassword, passwordContextOf(c, ctx.now), policy);
    if (!verdict.ok) {
      auditRecovery(ctx, ctx.event, 'error', refusedPasswordAudit(verdict));
      return { kind: 'invalid', errors: passwordErrors(verdict, policy) };
    }
    if (await ctx.services.verifyPassword(c.password_hash ?? undefined, input.password)) {
      auditRecovery(ctx, ctx.event, 'error', { code: 'PASSWORD_SAME_AS_OLD' });
      return { kind: 'invalid', errors: { password: { code: 'PASSWORD_SAME_AS_OLD' } } };
    }
    // Hash first (slow, async), then one short synchronous transaction.
    return finish(ctx, await ctx.services.hashPassword(input.password));
  },
  jsonActions: {
    check: (ctx, form) =>
      strengthOf(formString(form, 'password', PASSWORD_FIELD_MAX), passwordContextOf(candidateOf(ctx), ctx.now), policyOf(ctx.services.config)),
  },
};
