import type { Request, Response } from 'express';
import { textOf, type TextCode, type TextParams } from '../web/texts.ts';
import { needsCaptcha } from './authenticate.ts';
import type { CasDeps } from './deps.ts';
import type { IssuedForm } from './executionToken.ts';
import type { OneTimeValues } from './loginPage.ts';
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

export type LoginType = 'userNameLogin' | 'dynamicLogin';

/** What the page keeps from a refused post, and what it says. */
export interface LoginFormState {
  loginType?: LoginType;
  username?: string;
  rememberMe?: boolean;
  agreed?: boolean;
  error?: { code: TextCode; params?: TextParams };
  notice?: { code: TextCode; params?: TextParams };
  /** Seconds before 获取验证码 works again, for the phone typed on the 短信登录 tab. */
  smsCooldown?: number;
  status?: number;
}

/** The query string with the real page's ?type= switch set (or removed), everything else exactly as sent. */
export function withLoginType(query: string, type: LoginType | undefined): string {
  const kept = query.replace(/^\?/, '').split('&').filter((part) => part !== '' && !part.startsWith('type='));
  if (type) kept.push(`type=${type}`);
  return kept.length ? `?${kept.join('&')}` : '';
}

/** Which tab a GET shows: the real page's ?type=dynamicLogin, else the password form. */
export function loginTypeOf(req: Request): LoginType {
  return req.query.type === 'dynamicLogin' ? 'dynamicLogin' : 'userNameLogin';
}

/**
 * Renders the form; writes nothing to the database (a captcha answer is stored only when its image is drawn).
 * Without a state (the form as first shown) the page may be one already rendered for the same service and tab.
 */
export function renderLoginForm(deps: CasDeps, req: Request, res: Response, state?: LoginFormState): void {
  const loginType = state?.loginType ?? loginTypeOf(req);
  const username = state?.username ?? '';
  const captchaEnabled = deps.captchaEnabled();
  const query = queryOf(req);
  const now = deps.clock.now();
  const salt = newPasswordSalt();
  const locals = {
    actionUrl: `/authserver/login${query}`,
    dynamicCodeUrl: `/authserver/dynamicCode/getDynamicCode.htl${query}`,
    tabUrls: { account: `/authserver/login${withLoginType(query, undefined)}`, sms: `/authserver/login${withLoginType(query, 'dynamicLogin')}` },
    loginType,
    username,
    showCaptcha: loginType === 'userNameLogin' && needsCaptcha(deps, req, username),
    smsCooldown: state?.smsCooldown ?? 0,
    smsResendSeconds: Math.ceil(deps.config.limits.codeResendCooldownMs / 1000),
    captchaEnabled,
    rememberMe: state?.rememberMe ?? false,
    agreed: state?.agreed ?? false,
    errors: state?.error ? { _form: textOf(state.error.code, state.error.params) } : {},
    errorCode: state?.error?.code,
    notice: state?.notice ? { text: textOf(state.notice.code, state.notice.params) } : undefined,
    links: deps.links,
  };
  const values: OneTimeValues = {
    execution: deps.executions.issue(req, res, now, salt),
    phoneExecution: deps.executions.issue(req, res, now, newPasswordSalt()),
    salt,
    captchaId: deps.captchas.newId(),
    smsCaptchaId: deps.captchas.newId(),
  };
  res.status(state?.status ?? 200);
  if (state) res.render('cas/login', { ...locals, ...values });
  else deps.loginPages.send(req, res, 'cas/login', locals, values);
}
