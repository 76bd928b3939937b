import { Router, type Request, type Response } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import type { Service } from '../data/services.ts';
import type { SsoSessionRow } from '../data/ssoSessions.ts';
import { appendTicket } from '../rules/serviceUrl.ts';
import { normalizeInput } from '../rules/text.ts';
import { PortalError } from '../web/errors.ts';
import { formFlag, formString } from '../web/forms.ts';
import { SESSION_COOKIE } from '../web/session.ts';
import { textOf } from '../web/texts.ts';
import { authenticate } from './authenticate.ts';
import type { CasDeps } from './deps.ts';
import { readIssuedForm, renderLoginForm, type LoginType } from './loginForm.ts';
import { flagParam, queryParam } from './params.ts';
import { passwordFromForm } from './passwordCrypto.ts';
import { admits, findRegisteredService } from './registry.ts';
import { hasCookie } from '../web/cookies.ts';
import { readTgc, setTgc } from './tgc.ts';
import { authenticateByCode } from './smsLogin.ts';
import { endIfStale, liveSsoSession, ssoSessionAfterLogin } from './ssoSession.ts';
import { issueServiceTicket } from './tickets.ts';

interface LoginRequest {
  /** The service URL exactly as given, if any. */
  serviceUrl?: string;
  service?: Service;
  renew: boolean;
  gateway: boolean;
  /** CAS 3.0 method=POST: the ticket goes back in an auto-submitted form instead of the URL. */
  postResponse: boolean;
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

/** A redirect to exactly this URL: Location is set as is, so the service's query is never re-encoded. */
function redirectTo(res: Response, url: string): void {
  res.status(302).set('Location', url).end();
}

/** A usable account: active and not waiting for a staff-ordered password reset. */
function canUseSso(c: CandidateRow | undefined): c is CandidateRow {
  return c !== undefined && c.status === 'active' && c.must_reset_password === 0;
}

/** Reads service, renew and gateway; an unknown service ends here with 应用未注册 and never a redirect. */
function loginRequestOf({ store, clock }: CasDeps, req: Request): LoginRequest {
  const serviceUrl = Array.isArray(req.query.service) ? '' : queryParam(req, 'service');
  const renew = flagParam(req, 'renew');
  // The spec recommends ignoring gateway when renew is set.
  const gateway = !renew && flagParam(req, 'gateway');
  const postResponse = queryParam(req, 'method')?.toUpperCase() === 'POST';
  if (serviceUrl === undefined) return { renew, gateway, postResponse };
  const service = findRegisteredService(store, serviceUrl);
  if (!service) {
    store.audit.record({ at: clock.now(), event: 'SERVICE_REFUSED', outcome: 'error', code: 'SERVICE_UNREGISTERED', params: { service: serviceUrl.slice(0, 300) }, ip: req.ip ?? null });
    throw new PortalError('SERVICE_UNREGISTERED', { status: 403 });
  }
  return { serviceUrl, service, renew, gateway, postResponse };
}

type Grant = { kind: 'home' } | { kind: 'denied'; candidate: CandidateRow } | { kind: 'ticket'; ticket: string };

/** Decides what the service gets and writes it (a ticket, or the refusal's audit); no response yet. */
function grantFor(deps: CasDeps, req: Request, sso: SsoSessionRow, c: CandidateRow, login: LoginRequest, fromNewLogin: boolean): Grant {
  const { service, serviceUrl } = login;
  if (!service || serviceUrl === undefined) return { kind: 'home' };
  if (!admits(service, c.account_type)) {
    deps.store.audit.record({ at: deps.clock.now(), event: 'SERVICE_ACCESS', outcome: 'error', code: 'SERVICE_NOT_ALLOWED', candidateId: c.id, candidateNo: c.candidate_no, params: { service: service.name }, ip: req.ip ?? null });
    return { kind: 'denied', candidate: c };
  }
  return { kind: 'ticket', ticket: issueServiceTicket(deps, sso, service, serviceUrl, fromNewLogin, req.ip ?? '') };
}

function sendGrant(res: Response, grant: Grant, login: LoginRequest) {
  if (grant.kind === 'home') return res.redirect(303, '/authserver/login');
  if (grant.kind === 'denied') {
    return res.status(403).render('cas/denied', { message: textOf('SERVICE_NOT_ALLOWED'), isCandidate: grant.candidate.account_type === 'candidate' });
  }
  if (login.postResponse) return res.render('cas/postResponse', { serviceUrl: login.serviceUrl, ticket: grant.ticket });
  return redirectTo(res, appendTicket(login.serviceUrl!, grant.ticket));
}

/** GET (and HEAD) of the login page: SSO into the service, the gateway's way back, or the form. */
export function loginPageHandler(deps: CasDeps) {
  return async function showLoginPage(req: Request, res: Response): Promise<void> {
    const login = loginRequestOf(deps, req);
    const tgc = readTgc(req);
    await endIfStale(deps, tgc);
    const sso = login.renew ? undefined : liveSsoSession(deps, tgc);
    const candidate = sso ? deps.store.candidates.findById(sso.candidate_id) : undefined;
    if (sso && canUseSso(candidate)) {
      if (!login.service) {
        return res.render('cas/loggedIn', { name: candidate.name, username: candidate.candidate_no, isCandidate: candidate.account_type === 'candidate' });
      }
      return sendGrant(res, grantFor(deps, req, sso, candidate, login, false), login);
    }
    // gateway: never show the form; go back to the service without a ticket.
    if (login.gateway && login.serviceUrl !== undefined) return redirectTo(res, login.serviceUrl);
    return renderLoginForm(deps, req, res);
  };
}

export function loginRouter(deps: CasDeps): Router {
  const { store, clock, config } = deps;
  const router = Router();

  router.get('/authserver/login', loginPageHandler(deps));

  router.post('/authserver/login', async (req, res) => {
    const login = loginRequestOf(deps, req);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const username = normalizeInput(formString(form, 'username', 100));
    const ip = req.ip ?? null;
    const loginType: LoginType = formString(form, 'cllt') === 'dynamicLogin' ? 'dynamicLogin' : 'userNameLogin';
    const rememberMe = formFlag(form, 'rememberMe');
    const kept = { loginType, username, rememberMe, agreed: formFlag(form, 'agreeProtocol') };
    const issued = readIssuedForm(deps, req, formString(form, 'execution', 100));
    if (!issued) return renderLoginForm(deps, req, res, { ...kept, error: { code: 'LOGIN_SESSION_EXPIRED' }, status: 400 });
    // The real page's script refuses to post without the tick; the server holds the same rule for every client.
    if (!kept.agreed) return renderLoginForm(deps, req, res, { ...kept, error: { code: 'PRIVACY_REQUIRED' }, status: 400 });

    const posted = formString(form, 'password', 1000);
    // The form's single use is taken before anything is checked or awaited: two posts of one form are never both checked.
    if (!store.loginExecutions.use(issued.nonce, issued.expiresAt, clock.now())) {
      return renderLoginForm(deps, req, res, { ...kept, error: { code: 'LOGIN_SESSION_EXPIRED' }, status: 400 });
    }
    const settle = loginType === 'dynamicLogin'
      ? authenticateByCode(deps, req, { username, dynamicCode: formString(form, 'dynamicCode', 10) })
      : await authenticate(deps, req, {
        username,
        password: posted === '' ? '' : passwordFromForm(posted, issued.salt),
        captcha: formString(form, 'captcha', 10),
        captchaId: formString(form, 'captchaId', 40),
      });
    const now = clock.now();
    const previous = readTgc(req);
    const serviceParams = login.service ? { service: login.service.name } : {};
    // One write transaction per login: the attempt's outcome, the SSO session, audit, ticket.
    const outcome = store.transaction(() => {
      const verdict = settle();
      if (!verdict.ok) {
        const audit = { at: now, outcome: 'error' as const, candidateId: verdict.candidate?.id ?? null, candidateNo: verdict.candidate?.candidate_no ?? (username || null), ip };
        // The answer's own parameters (a lock's end) go with it, so the help desk reads what the candidate read.
        store.audit.record({ ...audit, event: 'LOGIN', code: verdict.code, params: { ...verdict.params, cllt: loginType, ...serviceParams } });
        if (verdict.lockedNow) {
          store.audit.record({ ...audit, event: 'LOGIN_LOCKED', code: 'ACCOUNT_LOCKED', params: { ...verdict.params, minutes: config.limits.loginLockMs / 60000 } });
        }
        return { verdict };
      }
      const c = verdict.candidate;
      if (c.must_reset_password === 1) {
        store.audit.record({ at: now, event: 'LOGIN', outcome: 'error', code: 'MUST_RESET_PASSWORD', candidateId: c.id, candidateNo: c.candidate_no, ip, params: { cllt: loginType, ...serviceParams } });
        return { verdict };
      }
      const sso = ssoSessionAfterLogin(deps, previous, c.id, rememberMe);
      store.audit.record({ at: now, event: 'LOGIN', outcome: 'ok', candidateId: c.id, candidateNo: c.candidate_no, ip, params: { cllt: loginType, rememberMe, ...serviceParams } });
      return { verdict, tgt: sso.session.id, ended: sso.ended, grant: grantFor(deps, req, sso.session, c, login, true) };
    });
    const { verdict } = outcome;
    if (!verdict.ok) return renderLoginForm(deps, req, res, { ...kept, error: { code: verdict.code, params: verdict.params }, status: verdict.status });
    if (!outcome.tgt) return res.status(403).render('cas/mustReset', { recoveryUrl: deps.links.recovery });
    // The session this browser had before (another person's, or expired) tells its services before the new one goes on.
    await deps.singleLogout.tell(outcome.ended);
    // A new identity in this browser: a fresh session id, so a planted one cannot ride along.
    if (hasCookie(req, SESSION_COOKIE)) await regenerate(req);
    setTgc(res, outcome.tgt, config.cookieSecure, rememberMe ? config.cas.rememberMeTtlMs : undefined);
    return sendGrant(res, outcome.grant, login);
  });

  return router;
}
