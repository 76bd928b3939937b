import type { ActivationStep } from './state.ts';
import { auditActivation } from './state.ts';

/** 激活须知: the candidate must tick 我已阅读激活须知 before 进入激活. */
export const agreement: ActivationStep<Record<string, never>> = {
  id: '',
  view: 'activation/agreement',
  isDone: (s) => s.agreed === true,
  viewData: (ctx) => ({ university: ctx.services.config.university }),
  parse: (form) =>
    form.agree === 'on' || form.agree === 'true' || form.agree === '1'
      ? { ok: true, input: {} }
      : { ok: false, errors: { agree: { code: 'AGREEMENT_REQUIRED' } } },
  submit(ctx) {
    auditActivation(ctx, ctx.event, 'ok');
    return { kind: 'next', patch: { agreed: true } };
  },
};
