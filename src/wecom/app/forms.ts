import { isWellFormedCode, normalizeCode } from '../../rules/codes.ts';
import { checkPhone } from '../../rules/phone.ts';
import { formString, type FieldErrors, type Form, type Parsed } from '../../web/forms.ts';

/** The phone field alone (获取验证码). */
export function parsePhone(form: Form): Parsed<string> {
  const phone = checkPhone(formString(form, 'phone'));
  return phone.ok ? { ok: true, input: phone.value } : { ok: false, errors: { phone: { code: phone.code } } };
}

/** The phone and the 6-digit code it received. */
export function parsePhoneAndCode(form: Form): Parsed<{ phone: string; code: string }> {
  const phone = checkPhone(formString(form, 'phone'));
  const raw = formString(form, 'code');
  const errors: FieldErrors = {};
  if (!phone.ok) errors.phone = { code: phone.code };
  if (normalizeCode(raw) === '') errors.code = { code: 'CODE_REQUIRED' };
  else if (!isWellFormedCode(raw)) errors.code = { code: 'CODE_FORMAT' };
  return phone.ok && !errors.code ? { ok: true, input: { phone: phone.value, code: normalizeCode(raw) } } : { ok: false, errors };
}
