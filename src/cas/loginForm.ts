import type { Request, Response } from 'express';
import { generateToken } from '../rules/codes.ts';
import { textOf, type TextCode, type TextParams } from '../web/texts.ts';
import { needsCaptcha } from './authenticate.ts';
import type { CasDeps } from './deps.ts';
import { newPasswordSalt } from './passwordCrypto.ts';

interface IssuedForm {
  execution: string;
  salt: string;
}

declare module 'express-session' {
  interface SessionData {
    casLogin?: { forms: IssuedForm[] };
  }
}

// A few open forms per browser (several tabs); older ones are dropped.
const OPEN_FORMS_KEPT = 5;

/**
 * The one-time execution token stands in for the CSRF token on the login form: it is bound to the
 * session, used once, and scripts written against the real portal already send it.
 */
export function takeIssuedForm(req: Request, execution: string): IssuedForm | undefined {
  const forms = req.session.casLogin?.forms ?? [];
  const found = forms.find((f) => f.execution === execution);
  if (!found || execution === '') return undefined;
  req.session.casLogin = { forms: forms.filter((f) => f !== found) };
  return found;
}

/** The query string of this request exactly as sent, so the form posts back to the same service. */
export function queryOf(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at === -1 ? '' : req.originalUrl.slice(at);
}

export function renderLoginForm(
  deps: CasDeps,
  req: Request,
  res: Response,
  extra: { username?: string; error?: { code: TextCode; params?: TextParams }; status?: number } = {},
): void {
  const form: IssuedForm = { execution: generateToken(32), salt: newPasswordSalt() };
  const kept = (req.session.casLogin?.forms ?? []).slice(-(OPEN_FORMS_KEPT - 1));
  req.session.casLogin = { forms: [...kept, form] };
  const username = extra.username ?? '';
  res.status(extra.status ?? 200).render('cas/login', {
    actionUrl: `/authserver/login${queryOf(req)}`,
    execution: form.execution,
    salt: form.salt,
    username,
    showCaptcha: needsCaptcha(deps, username),
    captchaId: deps.captchas.newId(),
    captchaEnabled: deps.captchaEnabled(),
    errors: extra.error ? { _form: textOf(extra.error.code, extra.error.params) } : {},
    errorCode: extra.error?.code,
    links: deps.links,
  });
}
