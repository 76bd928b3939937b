import type { CasDeps } from './deps.ts';
import type { Service } from '../data/services.ts';
import type { SsoSessionRow } from '../data/ssoSessions.ts';
import { newRandomId } from '../web/randomId.ts';

const TICKET_RANDOM_LENGTH = 40;

/** PREFIX-<40 random letters/digits>-idas (about 238 bits): letters, digits and '-' only, as some clients insist. */
export function newTicketId(prefix: 'ST' | 'TGT'): string {
  return `${prefix}-${newRandomId(TICKET_RANDOM_LENGTH)}-idas`;
}

/** Issues an ST bound to the exact service string and records it for single logout. */
export function issueServiceTicket(
  deps: CasDeps,
  session: SsoSessionRow,
  service: Service,
  serviceUrl: string,
  fromNewLogin: boolean,
  ip: string,
): string {
  const id = newTicketId('ST');
  const now = deps.clock.now();
  deps.store.transaction(() => {
    deps.store.tickets.create({
      id, ssoSessionId: session.id, candidateId: session.candidate_id, serviceId: service.id,
      service: serviceUrl, fromNewLogin, now, expiresAt: now + deps.config.cas.serviceTicketTtlMs,
    });
    deps.store.ssoSessions.touch(session.id, now);
    deps.store.audit.record({
      at: now, event: 'TICKET_ISSUED', outcome: 'ok', candidateId: session.candidate_id, ip,
      params: { service: service.name, fromNewLogin },
    });
  });
  return id;
}
