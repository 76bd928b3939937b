import type { CasDeps } from './deps.ts';
import type { Service } from '../data/services.ts';
import type { SsoSessionRow } from '../data/ssoSessions.ts';
import { newRandomId } from '../web/randomId.ts';

const TICKET_RANDOM_LENGTH = 40;

/** PREFIX-<40 random letters/digits>-idas (about 238 bits): letters, digits and '-' only, as some clients insist. */
export function newTicketId(prefix: 'ST' | 'TGT'): string {
  return `${prefix}-${newRandomId(TICKET_RANDOM_LENGTH)}-idas`;
}

/** A live SSO session: not ended, not past its lifetime, not idle too long (a 记住我 session has no idle timeout). */
export function liveSsoSession(deps: CasDeps, id: string | undefined): SsoSessionRow | undefined {
  if (!id) return undefined;
  const row = deps.store.ssoSessions.findById(id);
  const now = deps.clock.now();
  if (!row || row.ended_at !== null || row.expires_at <= now) return undefined;
  if (row.remember_me === 0 && now - row.last_used_at >= deps.config.cas.ssoSessionIdleMs) return undefined;
  return row;
}

/** Starts a TGT; with 记住我 (7天免登录) it lasts CAS_REMEMBER_ME_DAYS instead of CAS_TGT_TTL_MINUTES. */
export function startSsoSession(deps: CasDeps, candidateId: number, rememberMe = false): string {
  const id = newTicketId('TGT');
  const now = deps.clock.now();
  const { ssoSessionTtlMs, rememberMeTtlMs } = deps.config.cas;
  deps.store.ssoSessions.create({ id, candidateId, now, expiresAt: now + (rememberMe ? rememberMeTtlMs : ssoSessionTtlMs), rememberMe });
  return id;
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
