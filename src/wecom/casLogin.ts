import type { Request, Response } from 'express';
import { newRandomId } from '../web/randomId.ts';
import type { TextCode, TextParams } from '../web/texts.ts';
import { appOrigin, loginUrl, validateTicket, validationBase } from './casClient.ts';
import type { Identity } from './data/members.ts';
import type { WecomDeps } from './deps.ts';
import { regenerateSession } from './session.ts';

export type Accepted = { ok: true; identity: Identity } | { ok: false; code: TextCode; params?: TextParams; status: number };

/** A single query parameter as a string; absent or repeated ones count as absent. */
function queryParam(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function serviceUrl(req: Request, path: string, state: string): string {
  return `${appOrigin(req)}${path}?state=${state}`;
}

/** Sends the browser to the CAS server (the ticket comes back to `path`, a full path under /wecom) with a fresh state in the service URL, remembered in this session. */
export function beginCasLogin(deps: WecomDeps, req: Request, res: Response, path: string, renew: boolean): void {
  const state = newRandomId(32);
  req.session.wecomCas = { state, path, renew, startedAt: deps.now() };
  res.redirect(302, loginUrl(deps.config.wecom.casBaseUrl, serviceUrl(req, path, state), renew));
}

/**
 * Accepts the ticket the CAS server sent the browser back with, only for a login this session started at this
 * path (so nobody can log a victim in with their own ticket). Validates it over HTTP, then regenerates the
 * session and remembers which session the ticket opened, for single logout.
 */
export async function acceptCasLogin(deps: WecomDeps, req: Request, path: string): Promise<Accepted> {
  const state = queryParam(req, 'state');
  const ticket = queryParam(req, 'ticket') ?? '';
  const pending = req.session.wecomCas;
  // One use only: a replayed callback finds nothing pending.
  delete req.session.wecomCas;
  const fresh = pending !== undefined && deps.now() - pending.startedAt <= deps.config.wecom.sessionTtlMs;
  if (!fresh || !state || pending.state !== state || pending.path !== path) {
    return { ok: false, code: 'WECOM_LOGIN_NOT_STARTED', status: 403 };
  }
  const validation = await validateTicket(validationBase(deps.config.wecom.casBaseUrl, req), serviceUrl(req, path, state), ticket, {
    renew: pending.renew, timeoutMs: deps.config.wecom.casTimeoutMs,
  });
  if (!validation.ok) {
    deps.log.warn({ code: validation.code }, 'WeCom app: ticket refused');
    return { ok: false, code: 'WECOM_TICKET_FAILED', params: { code: validation.code }, status: 401 };
  }
  // A new identity in this browser: a new session id, so a planted or stolen one is worth nothing.
  await regenerateSession(req);
  deps.store.casLogins.remember({ ticket, sid: req.sessionID, uid: validation.identity.uid, now: deps.now() });
  return validation;
}
