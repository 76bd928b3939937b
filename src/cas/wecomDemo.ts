import { Router, type Request } from 'express';
import { queryParam } from './params.ts';

interface DemoProfile {
  uid: string;
  cn: string;
  department: string;
}

declare module 'express-session' {
  interface SessionData {
    wecomDemo?: DemoProfile;
  }
}

export const WECOM_DEMO_PATH = '/wecom/';

type Validation = { ok: true; profile: DemoProfile } | { ok: false; code: string };

/** The portal's own address as this connection reached it: never taken from a client-supplied header. */
function ownOrigin(req: Request): string {
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  const host = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
  return `http://${host}:${localPort}`;
}

/** Validates the ticket the way any CAS client would: an HTTP GET to p3/serviceValidate. */
async function validateOverHttp(req: Request, serviceUrl: string, ticket: string): Promise<Validation> {
  const query = new URLSearchParams({ service: serviceUrl, ticket, format: 'JSON' });
  try {
    const answer = await fetch(`${ownOrigin(req)}/authserver/p3/serviceValidate?${query}`, { signal: AbortSignal.timeout(5000) });
    const body = (await answer.json()) as { serviceResponse?: { authenticationSuccess?: { user: string; attributes?: Record<string, unknown> }; authenticationFailure?: { code: string } } };
    const success = body.serviceResponse?.authenticationSuccess;
    if (!success) return { ok: false, code: body.serviceResponse?.authenticationFailure?.code ?? 'INTERNAL_ERROR' };
    const text = (name: string) => {
      const value = success.attributes?.[name];
      return typeof value === 'string' ? value : Array.isArray(value) ? value.join('，') : '';
    };
    return { ok: true, profile: { uid: text('uid') || success.user, cn: text('cn'), department: text('department') } };
  } catch {
    return { ok: false, code: 'INTERNAL_ERROR' };
  }
}

/**
 * A small downstream application at /wecom/, registered like any other service, so trainees can
 * walk the WeCom activation log-in: redirect to /authserver/login, come back with a ticket, show the profile.
 */
export function wecomDemoRouter(): Router {
  const router = Router();
  router.get(WECOM_DEMO_PATH, async (req, res) => {
    const serviceUrl = `${req.protocol}://${req.get('host') ?? 'localhost'}${WECOM_DEMO_PATH}`;
    const loginUrl = `/authserver/login?service=${encodeURIComponent(serviceUrl)}`;
    const ticket = queryParam(req, 'ticket');
    if (ticket !== undefined) {
      const validation = await validateOverHttp(req, serviceUrl, ticket);
      if (!validation.ok) return res.status(401).render('cas/wecomDemo', { profile: undefined, failure: validation.code, loginUrl });
      req.session.wecomDemo = validation.profile;
      return res.redirect(303, WECOM_DEMO_PATH);
    }
    const profile = req.session.wecomDemo;
    if (!profile) return res.redirect(302, loginUrl);
    return res.render('cas/wecomDemo', { profile, failure: undefined, loginUrl, logoutUrl: `/authserver/logout?service=${encodeURIComponent(serviceUrl)}` });
  });
  return router;
}
