import type { Request } from 'express';
import type { Identity } from './data/members.ts';

// The CAS protocol as a client speaks it: where to send the browser, and how to check the ticket it brings back.

/** The portal's CAS path when WECOM_CAS_BASE_URL is unset: the app then uses the server it runs in. */
const OWN_CAS_PATH = '/authserver';

export type Validation = { ok: true; identity: Identity } | { ok: false; code: string };

/** This app's own origin as the browser reached it: service URLs must be the ones the browser comes back to. */
export function appOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** `<base>/login?service=…`: absolute for another CAS server, a path on this host for its own. */
export function loginUrl(casBaseUrl: string | undefined, service: string, renew: boolean): string {
  const query = new URLSearchParams({ service });
  if (renew) query.set('renew', 'true');
  return `${casBaseUrl ?? OWN_CAS_PATH}/login?${query}`;
}

/** Where to reach the CAS server from this process: the configured base, or this server's own address as the connection reached it. */
export function validationBase(casBaseUrl: string | undefined, req: Request): string {
  if (casBaseUrl) return casBaseUrl;
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  const host = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
  return `http://${host}:${localPort}${OWN_CAS_PATH}`;
}

type Json = Record<string, unknown>;

/** One value of a released attribute: CAS JSON gives one value as a string and several as an array. */
function attribute(attributes: Json | undefined, name: string): string {
  const value = attributes?.[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/**
 * GET <base>/p3/serviceValidate?service=…&ticket=…&format=JSON (with renew=true when the login had to be
 * fresh). The identity is the uid attribute (the CAS user when none is released), cn, department and
 * accountType, and nothing else.
 */
export async function validateTicket(base: string, service: string, ticket: string, options: { renew: boolean; timeoutMs: number }): Promise<Validation> {
  const query = new URLSearchParams({ service, ticket, format: 'JSON' });
  if (options.renew) query.set('renew', 'true');
  let body: Json;
  try {
    const answer = await fetch(`${base}/p3/serviceValidate?${query}`, { signal: AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
    body = (await answer.json()) as Json;
  } catch {
    return { ok: false, code: 'CAS_UNREACHABLE' };
  }
  const response = body.serviceResponse as Json | undefined;
  const success = response?.authenticationSuccess as Json | undefined;
  if (!success) {
    const failure = response?.authenticationFailure as Json | undefined;
    return { ok: false, code: typeof failure?.code === 'string' ? failure.code.slice(0, 40) : 'CAS_BAD_RESPONSE' };
  }
  const attributes = success.attributes as Json | undefined;
  const uid = attribute(attributes, 'uid') || (typeof success.user === 'string' ? success.user : '');
  if (!uid) return { ok: false, code: 'CAS_BAD_RESPONSE' };
  return {
    ok: true,
    identity: { uid, name: attribute(attributes, 'cn'), department: attribute(attributes, 'department'), accountType: attribute(attributes, 'accountType') },
  };
}
