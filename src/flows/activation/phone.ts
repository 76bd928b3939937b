import { checkPhone, maskPhone } from '../../rules/phone.ts';
import { contactStep } from './contactStep.ts';

/** 绑定手机: a 6-digit SMS code proves the number, so a forgotten password can be recovered. */
export const phone = contactStep({
  id: 'phone',
  channel: 'sms',
  check: checkPhone,
  mask: maskPhone,
  takenCode: 'PHONE_TAKEN',
  sentCode: 'SMS_CODE_SENT',
  findHolder: (ctx, value) => ctx.services.store.candidates.findByPhone(value),
  pendingOf: (s) => s.pendingPhone,
  boundOf: (s) => s.phone,
  pendingPatch: (value) => ({ pendingPhone: value }),
  boundPatch: (value) => ({ phone: value }),
});
