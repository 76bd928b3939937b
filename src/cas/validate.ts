import { Router, type Request, type Response } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import type { CasDeps } from './deps.ts';
import { flagParam, queryParam } from './params.ts';
import { admits, findRegisteredService, releasedAttributes } from './registry.ts';
import {
  failureJson, failureXml, successJson, successXml,
  type CasErrorCode, type CasSuccess, type ResponseFormat,
} from './responses.ts';

type Outcome =
  | { ok: true; candidate: CandidateRow; attributes: [string, string][]; serviceName: string }
  | { ok: false; code: CasErrorCode; description: string; candidateId?: number };

const fail = (code: CasErrorCode, description: string, candidateId?: number): Outcome => ({ ok: false, code, description, candidateId });

/** Validates a service ticket exactly once, whatever the outcome, in the order the protocol implies. */
function validateTicket(deps: CasDeps, req: Request, allowProxyCallback: boolean): Outcome {
  const { store, clock } = deps;
  const service = queryParam(req, 'service');
  const ticket = queryParam(req, 'ticket');
  if (!service || !ticket) return fail('INVALID_REQUEST', "'service' and 'ticket' parameters are both required");
  const now = clock.now();
  const row = store.tickets.claim(ticket, now);
  if (!row) return fail('INVALID_TICKET', `Ticket '${ticket}' not recognized`);
  if (row.expires_at <= now) return fail('INVALID_TICKET', `Ticket '${ticket}' has expired`, row.candidate_id);
  if (row.service !== service) {
    return fail('INVALID_SERVICE', `Ticket '${ticket}' does not match supplied service. The original service was '${row.service}' and the supplied service was '${service}'.`, row.candidate_id);
  }
  const sso = store.ssoSessions.findById(row.sso_session_id);
  const candidate = store.candidates.findById(row.candidate_id);
  if (!sso || sso.ended_at !== null || !candidate || candidate.status !== 'active') {
    return fail('INVALID_TICKET', `Ticket '${ticket}' not recognized`, row.candidate_id);
  }
  const registered = findRegisteredService(store, service);
  if (!registered || !admits(registered, candidate.account_type)) {
    return fail('INVALID_SERVICE', `Service '${service}' is not authorized to use this CAS server`, candidate.id);
  }
  if (flagParam(req, 'renew') && row.from_new_login !== 1) {
    return fail('INVALID_TICKET_SPEC', `Ticket '${ticket}' does not satisfy the validation specification: renew was requested but the ticket came from single sign-on`, candidate.id);
  }
  // This server grants no proxy-granting tickets to any service.
  if (allowProxyCallback && queryParam(req, 'pgtUrl') !== undefined) {
    return fail('UNAUTHORIZED_SERVICE_PROXY', `The supplied service '${service}' is not authorized to use CAS proxy authentication.`, candidate.id);
  }
  const attributes: [string, string][] = [
    ['authenticationDate', new Date(sso.authenticated_at).toISOString()],
    ['longTermAuthenticationRequestTokenUsed', String(sso.remember_me === 1)],
    ['isFromNewLogin', String(row.from_new_login === 1)],
    ...releasedAttributes(registered, candidate),
  ];
  return { ok: true, candidate, attributes, serviceName: registered.name };
}

/** Every validation is audited; a broken database (INTERNAL_ERROR) must not turn the answer into a 500. */
function audit(deps: CasDeps, req: Request, endpoint: string, outcome: Outcome): void {
  try {
    recordValidation(deps, req, endpoint, outcome);
  } catch (err) {
    deps.log.error({ err }, 'cannot audit a ticket validation');
  }
}

function recordValidation(deps: CasDeps, req: Request, endpoint: string, outcome: Outcome): void {
  deps.store.audit.record({
    at: deps.clock.now(),
    event: 'TICKET_VALIDATE',
    outcome: outcome.ok ? 'ok' : 'error',
    code: outcome.ok ? null : outcome.code,
    candidateId: outcome.ok ? outcome.candidate.id : outcome.candidateId ?? null,
    candidateNo: outcome.ok ? outcome.candidate.candidate_no : null,
    params: { endpoint, ...(outcome.ok ? { service: outcome.serviceName } : {}) },
    ip: req.ip ?? null,
  });
}

function formatOf(req: Request): ResponseFormat {
  return queryParam(req, 'format')?.toUpperCase() === 'JSON' ? 'JSON' : 'XML';
}

function send(res: Response, format: ResponseFormat, xml: string, json: unknown): void {
  res.status(200);
  if (format === 'JSON') res.type('application/json').send(JSON.stringify(json));
  else res.type('application/xml; charset=utf-8').send(xml);
}

/** Runs a validation; anything unexpected becomes INTERNAL_ERROR in the protocol's own format. */
function guarded(deps: CasDeps, req: Request, run: () => Outcome): Outcome {
  try {
    return run();
  } catch (err) {
    deps.log.error({ err, path: req.path }, 'ticket validation failed');
    return fail('INTERNAL_ERROR', 'An internal error occurred during ticket validation');
  }
}

/** The validation and its audit row, written in one commit. */
function validatedAndAudited(deps: CasDeps, req: Request, endpoint: string, allowProxyCallback: boolean): Outcome {
  return guarded(deps, req, () => deps.store.transaction(() => {
    const outcome = guarded(deps, req, () => validateTicket(deps, req, allowProxyCallback));
    audit(deps, req, endpoint, outcome);
    return outcome;
  }));
}

/** /validate (1.0), /serviceValidate and /proxyValidate (2.0), /p3/… (3.0, with attributes). */
export function validateRouter(deps: CasDeps): Router {
  const router = Router();

  router.get('/authserver/validate', (req, res) => {
    const outcome = validatedAndAudited(deps, req, 'validate', false);
    res.status(200).type('text/plain; charset=utf-8').send(outcome.ok ? `yes\n${outcome.candidate.candidate_no}\n` : 'no\n\n');
  });

  const endpoints = [
    { path: '/authserver/serviceValidate', withAttributes: false },
    { path: '/authserver/proxyValidate', withAttributes: false },
    { path: '/authserver/p3/serviceValidate', withAttributes: true },
    { path: '/authserver/p3/proxyValidate', withAttributes: true },
  ];
  for (const endpoint of endpoints) {
    router.get(endpoint.path, (req, res) => {
      const format = formatOf(req);
      const outcome = validatedAndAudited(deps, req, endpoint.path, true);
      if (!outcome.ok) {
        return send(res, format, failureXml(outcome.code, outcome.description), failureJson(outcome.code, outcome.description));
      }
      const success: CasSuccess = { user: outcome.candidate.candidate_no, attributes: endpoint.withAttributes ? outcome.attributes : undefined };
      return send(res, format, successXml(success), successJson(success));
    });
  }

  // No proxy-granting tickets exist here, so every PGT presented is unknown.
  router.get('/authserver/proxy', (req, res) => {
    const pgt = queryParam(req, 'pgt');
    const target = queryParam(req, 'targetService');
    const [code, description]: [CasErrorCode, string] = !pgt || !target
      ? ['INVALID_REQUEST', "'pgt' and 'targetService' parameters are both required"]
      : ['INVALID_TICKET', `Ticket '${pgt}' not recognized`];
    const json = { serviceResponse: { proxyFailure: { code, description } } };
    send(res, formatOf(req), failureXml(code, description, 'proxyFailure'), json);
  });

  return router;
}
