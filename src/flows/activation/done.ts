import { maskEmail } from '../../rules/email.ts';
import { maskPhone } from '../../rules/phone.ts';
import type { ActivationStep } from './state.ts';

/** 完成: the account is active; next comes WeCom, the only thing a candidate's account is for. */
export const done: ActivationStep = {
  id: 'done',
  view: 'activation/done',
  isDone: () => false,
  viewData: (ctx) => {
    const c = ctx.services.store.candidates.findById(ctx.state.candidateId!)!;
    return {
      candidateNo: c.candidate_no,
      name: c.name,
      maskedPhone: c.phone ? maskPhone(c.phone) : '',
      maskedEmail: c.email ? maskEmail(c.email) : '',
      university: ctx.services.config.university,
    };
  },
};
