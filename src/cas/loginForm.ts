import type { Request, Response } from 'express';
import { textOf, type TextCode, type TextParams } from '../web/texts.ts';
import { needsCaptcha } from './authenticate.ts';
import type { CasDeps } from './deps.ts';
import type { IssuedForm } from './executionToken.ts';
import { newPasswordSalt } from './passwordCrypto.ts';

/**
 * The one-time execution token stands in for the CSRF token on the login form: it is signed for this
 * browser's cookie, expires, and is used once; scripts written against the real portal already send it.
 * Undefined when it is not valid or was posted before; the use itself is recorded with the login's writes.
 */
export function readIssuedForm(deps: CasDeps, req: Request, execution: string): IssuedForm | undefined {
  const form = deps.executions.read(req, execution, deps.clock.now());
  return form && !deps.store.loginExecutions.wasUsed(form.nonce) ? form : undefined;
}

/** The query string of this request exactly as sent, so the form posts back to the same service. */
export function queryOf(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at === -1 ? '' : req.originalUrl.slice(at);
}

/** Renders the form; writes nothing to the database (a captcha answer is stored only when its image is drawn). */
export function renderLoginForm(
  deps: CasDeps,
  req: Request,
  res: Response,
  extra: { username?: string; error?: { code: TextCode; params?: TextParams }; status?: number } = {},
): void {
  const salt = newPasswordSalt();
  const username = extra.username ?? '';
  const captchaEnabled = deps.captchaEnabled();
  res.status(extra.status ?? 200).render('cas/login', {
    actionUrl: `/authserver/login${queryOf(req)}`,
    execution: deps.executions.issue(req, res, deps.clock.now(), salt),
    salt,
    username,
    showCaptcha: needsCaptcha(deps, username, captchaEnabled),
    captchaId: deps.captchas.newId(),
    captchaEnabled,
    errors: extra.error ? { _form: textOf(extra.error.code, extra.error.params) } : {},
    errorCode: extra.error?.code,
    links: deps.links,
  });
}
