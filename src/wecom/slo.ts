import type { RequestHandler } from 'express';
import type { WecomDeps } from './deps.ts';

const SESSION_INDEX = /<(?:[\w-]+:)?SessionIndex>([^<]{1,256})<\/(?:[\w-]+:)?SessionIndex>/;
const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The ticket a SAML LogoutRequest names as its SessionIndex (CAS protocol, appendix C). */
export function sessionIndexOf(logoutRequest: string): string | undefined {
  const match = SESSION_INDEX.exec(logoutRequest);
  return match?.[1]!.replace(/&(?:amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity]!);
}

/**
 * Ends what the ticket's login opened. A CAS login this browser started since stays pending: when another
 * person logs in in the same browser, the CAS server ends the first person's SSO session (and so this
 * session) before it sends the browser back here with the new ticket.
 */
function endSignIn(deps: WecomDeps, sid: string): void {
  deps.sessions.get(sid, (_err, data) => {
    if (data?.wecomCas) deps.sessions.set(sid, { cookie: data.cookie, wecomCas: data.wecomCas });
    else deps.sessions.destroy(sid);
  });
}

/**
 * Back-channel single logout: the CAS server POSTs logoutRequest=<LogoutRequest> to the service URL when
 * the SSO session ends; the app session the named ticket opened ends with it. Any other POST goes on.
 */
export function singleLogout(deps: WecomDeps): RequestHandler {
  return (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    const logoutRequest = body?.logoutRequest;
    if (typeof logoutRequest !== 'string') return next();
    const ticket = sessionIndexOf(logoutRequest);
    const login = ticket ? deps.store.casLogins.find(ticket) : undefined;
    if (login) {
      endSignIn(deps, login.sid);
      deps.journey.record(login.uid, 'WECOM_LOGGED_OUT');
    }
    // The same answer whether or not the ticket opened a session here: the sender learns nothing.
    res.status(200).type('text/plain').send('ok');
  };
}
