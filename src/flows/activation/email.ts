import { checkEmail, maskEmail } from '../../rules/email.ts';
import { contactStep } from './contactStep.ts';

/** 绑定邮箱: the same code-then-bind step, by email. */
export const email = contactStep({
  id: 'email',
  channel: 'email',
  check: checkEmail,
  mask: maskEmail,
  takenCode: 'EMAIL_TAKEN',
  sentCode: 'EMAIL_CODE_SENT',
  findHolder: (ctx, value) => ctx.services.store.candidates.findByEmail(value),
  pendingOf: (s) => s.pendingEmail,
  boundOf: (s) => s.email,
  pendingPatch: (value) => ({ pendingEmail: value }),
  boundPatch: (value) => ({ email: value }),
});
