import { randomUUID } from 'node:crypto';
import type { LogoutTarget } from '../data/tickets.ts';
import type { CasDeps } from './deps.ts';
import { escapeXml } from './responses.ts';

/** The SAML 2.0 LogoutRequest of the CAS protocol's appendix C, naming the ticket as SessionIndex. */
export function logoutRequestXml(ticket: string, nameId: string, issuedAt: number): string {
  return `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${randomUUID()}" Version="2.0" IssueInstant="${new Date(issuedAt).toISOString()}"><saml:NameID>${escapeXml(nameId)}</saml:NameID><samlp:SessionIndex>${escapeXml(ticket)}</samlp:SessionIndex></samlp:LogoutRequest>`;
}

/**
 * Back-channel single logout: one POST (logoutRequest=…) per ticket issued in the SSO session, to the
 * service's logout URL or else the URL the ticket was issued for. Waits at most sloTimeoutMs for each;
 * a service that does not answer does not stop the user's logout.
 */
export async function sendLogoutRequests(deps: CasDeps, targets: LogoutTarget[], nameId: string, candidateId: number): Promise<void> {
  const { config, clock, store } = deps;
  await Promise.all(targets.map(async (target) => {
    const url = target.logout_url ?? target.service;
    const body = new URLSearchParams({ logoutRequest: logoutRequestXml(target.ticket_id, nameId, clock.now()) });
    let outcome: 'ok' | 'error' = 'ok';
    let status: number | string;
    try {
      const answer = await fetch(url, { method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(config.cas.sloTimeoutMs) });
      status = answer.status;
      await answer.arrayBuffer();
      if (answer.status >= 400) outcome = 'error';
    } catch (err) {
      outcome = 'error';
      status = err instanceof Error ? err.name : 'error';
    }
    store.audit.record({ at: clock.now(), event: 'SLO_DELIVERY', outcome, candidateId, params: { url: url.slice(0, 300), status } });
  }));
}
