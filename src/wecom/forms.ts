import { checkCode } from '../rules/codes.ts';
import { checkPhone } from '../rules/phone.ts';
import { formString, type FieldErrors, type Form, type Parsed } from '../web/forms.ts';

// The app's two forms around an SMS code (第三步, the APP's sign-in, 更换手机号).

/** The phone field alone (获取验证码). */
export function parsePhone(form: Form): Parsed<string> {
  const phone = checkPhone(formString(form, 'phone'));
  return phone.ok ? { ok: true, input: phone.value } : { ok: false, errors: { phone: { code: phone.code } } };
}

/** The phone and the 6-digit code it received. */
export function parsePhoneAndCode(form: Form): Parsed<{ phone: string; code: string }> {
  const phone = checkPhone(formString(form, 'phone'));
  const code = checkCode(formString(form, 'code'));
  const errors: FieldErrors = {};
  if (!phone.ok) errors.phone = { code: phone.code };
  if (!code.ok) errors.code = { code: code.code };
  return phone.ok && code.ok ? { ok: true, input: { phone: phone.value, code: code.value } } : { ok: false, errors };
}
