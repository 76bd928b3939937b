import { Router, type Request, type Response } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import { checkPhone, maskPhone } from '../rules/phone.ts';
import { formatBeijingTime } from '../rules/beijingTime.ts';
import { normalizeCode } from '../rules/codes.ts';
import { formFlag, formString, type Form } from '../web/forms.ts';
import { textOf, type TextCode, type TextParams } from '../web/texts.ts';
import type { LoginFailure, SettleLogin } from './authenticate.ts';
import type { CasDeps } from './deps.ts';
import { pretendCodeVerdict, pretendSend } from './loginCodeDecoy.ts';
import { renderLoginForm } from './loginForm.ts';
import { passwordFromForm } from './passwordCrypto.ts';

// 短信登录 (the real page's 动态码登录, cllt=dynamicLogin): a code sent to the phone bound to an account,
// under the same rules as every other code (verificationCodes: TTL, cooldown, attempts, caps).

/** The fixed key the real login.js encrypts the mobile number with before getDynamicCode.htl. */
const DEFAULT_SALT = 'rjBFAaHsNkKAhpoi';

type Message = { code: TextCode; params?: TextParams };
/** The real endpoint's answer codes: success, timeExpire (with the seconds left), captchaError, error. */
type SendAnswer =
  | { code: 'success'; notice: Message; cooldown: number }
  | { code: 'timeExpire'; error: Message; cooldown: number }
  | { code: 'captchaError' | 'error'; error: Message; status: number };

function activeHolderOf(deps: CasDeps, phone: string): CandidateRow | undefined {
  const holder = deps.store.candidates.findByPhone(phone);
  return holder?.status === 'active' ? holder : undefined;
}

function auditSend(deps: CasDeps, req: Request, outcome: 'ok' | 'error', extra: { candidate?: CandidateRow; code?: string; params?: Record<string, unknown> }) {
  deps.store.audit.record({
    at: deps.clock.now(), event: 'LOGIN_CODE_SENT', outcome, code: extra.code ?? null, params: extra.params ?? null,
    candidateId: extra.candidate?.id ?? null, candidateNo: extra.candidate?.candidate_no ?? null, ip: req.ip ?? null,
  });
}

/** The answer to a send the code rules refused: the cooldown with its seconds, or a cap. */
function refusedSend(refusal: Message): SendAnswer {
  if (refusal.code === 'CODE_COOLDOWN') return { code: 'timeExpire', error: refusal, cooldown: Number(refusal.params?.seconds ?? 0) };
  return { code: 'error', error: refusal, status: 429 };
}

async function sendLoginCode(deps: CasDeps, req: Request, typed: string, captcha: { id: string; answer: string }): Promise<SendAnswer> {
  const { config, clock, codes } = deps;
  if (typed.trim() === '') return { code: 'error', error: { code: 'PHONE_REQUIRED' }, status: 400 };
  const phone = checkPhone(typed);
  if (!phone.ok) return { code: 'error', error: { code: phone.code as TextCode }, status: 400 };
  if (deps.captchaEnabled()) {
    const verdict = deps.captchas.check(captcha.id, captcha.answer);
    if (!verdict.ok) {
      auditSend(deps, req, 'error', { code: verdict.code });
      return { code: 'captchaError', error: { code: verdict.code }, status: 400 };
    }
  }
  const masked = maskPhone(phone.value);
  const minutes = Math.round(config.limits.codeTtlMs / 60000);
  const sent: SendAnswer = { code: 'success', notice: { code: 'SMS_CODE_SENT', params: { masked, minutes } }, cooldown: Math.ceil(config.limits.codeResendCooldownMs / 1000) };
  const candidate = activeHolderOf(deps, phone.value);
  if (!candidate) {
    // An unbound number is answered like a bound one, under the same cooldown and caps (counted per number,
    // as a bound number's are per holder and number), so neither the form nor its limits reveal a binding.
    const refusal = pretendSend(deps, phone.value, clock.now());
    if (refusal) {
      auditSend(deps, req, 'error', { code: refusal.code, params: { masked, ...refusal.params } });
      return refusedSend(refusal);
    }
    auditSend(deps, req, 'error', { code: 'PHONE_NOT_BOUND', params: { masked } });
    return sent;
  }
  const verdict = await codes.issue({ candidateId: candidate.id, candidateName: candidate.name, channel: 'sms', purpose: 'login', target: phone.value });
  if (!verdict.ok) {
    auditSend(deps, req, 'error', { candidate, code: verdict.code, params: verdict.params });
    return verdict.code === 'CODE_DELIVERY_FAILED' ? { code: 'error', error: verdict, status: 502 } : refusedSend(verdict);
  }
  auditSend(deps, req, 'ok', { candidate, params: { masked } });
  return sent;
}

/** A page (the form posted without JavaScript) or JSON (the page's script, or a script written for the real portal)? */
function wantsPage(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

/** POST /authserver/dynamicCode/getDynamicCode.htl: JSON {code, message, time?} as the real one, or the page again. */
export function dynamicCodeRouter(deps: CasDeps): Router {
  const router = Router();
  // No CSRF token, as on the real portal: sending needs a fresh captcha answer and depends on no cookie.
  router.post('/authserver/dynamicCode/getDynamicCode.htl', async (req: Request, res: Response) => {
    const form = (req.body ?? {}) as Form;
    const posted = formString(form, 'mobile', 200) || formString(form, 'username', 200);
    const typed = passwordFromForm(posted, DEFAULT_SALT) ?? '';
    const answer = await sendLoginCode(deps, req, typed, { id: formString(form, 'captchaId', 40), answer: formString(form, 'captcha', 10) });
    if (wantsPage(req)) {
      const kept = { loginType: 'dynamicLogin' as const, username: typed.slice(0, 20), rememberMe: formFlag(form, 'rememberMe'), agreed: formFlag(form, 'agreeProtocol') };
      if (answer.code === 'success') return renderLoginForm(deps, req, res, { ...kept, notice: answer.notice, smsCooldown: answer.cooldown });
      if (answer.code === 'timeExpire') return renderLoginForm(deps, req, res, { ...kept, error: answer.error, smsCooldown: answer.cooldown, status: 429 });
      return renderLoginForm(deps, req, res, { ...kept, error: answer.error, status: answer.status });
    }
    const message = answer.code === 'success' ? textOf(answer.notice.code, answer.notice.params) : textOf(answer.error.code, answer.error.params);
    return res.json({ code: answer.code, message, ...(answer.code === 'timeExpire' ? { time: answer.cooldown } : {}) });
  });
  return router;
}

/** Checks a 短信登录 post in the order of a password login: lock first, then the code; writes wait for the transaction. */
export function authenticateByCode(deps: CasDeps, req: Request, input: { username: string; dynamicCode: string }): SettleLogin {
  const refuse = (failure: LoginFailure): SettleLogin => () => failure;
  if (input.username === '') return refuse({ ok: false, code: 'PHONE_REQUIRED', status: 400 });
  if (normalizeCode(input.dynamicCode) === '') return refuse({ ok: false, code: 'DYNAMIC_CODE_REQUIRED', status: 400 });
  const phone = checkPhone(input.username);
  if (!phone.ok) return refuse({ ok: false, code: phone.code as TextCode, status: 400 });
  const candidate = activeHolderOf(deps, phone.value);
  if (!candidate) return () => pretendCodeVerdict(deps, phone.value);
  // A password login locked from this address locks the code login from it too.
  const lockedUntil = deps.limiter.lockedUntil('login', candidate.candidate_no, req.ip ?? '');
  if (lockedUntil !== undefined) return refuse({ ok: false, code: 'ACCOUNT_LOCKED', params: { until: formatBeijingTime(lockedUntil) }, status: 401, candidate });
  return () => {
    const verdict = deps.codes.verify({ candidateId: candidate.id, channel: 'sms', purpose: 'login', target: phone.value }, input.dynamicCode);
    return verdict.ok ? { ok: true, candidate } : { ok: false, code: verdict.code, params: verdict.params, status: 401, candidate };
  };
}
