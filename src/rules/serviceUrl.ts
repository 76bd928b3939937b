// CAS service URLs: what a service identifier may look like before the registry is even asked,
// and how a ticket is appended to it.

export type ServiceUrlCheck = { ok: true } | { ok: false; reason: string };

const MAX_SERVICE_URL_LENGTH = 2048;
// Printable ASCII without space or backslash: no header injection, no parser disagreements.
const PLAIN_ASCII = /^[\x21-\x5B\x5D-\x7E]+$/;
const SHAPE = /^(https?):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
// A host name or an IP literal, an optional port, and nothing else (no user info).
const AUTHORITY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
// ".", "..", and their percent-encoded forms, which URL parsers resolve away.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Refuses service URLs that a browser would read differently from a regular expression:
 * user info, backslashes, dot segments, odd hosts. Registered patterns only see what passes.
 */
export function checkServiceUrl(raw: string): ServiceUrlCheck {
  if (raw.length === 0 || raw.length > MAX_SERVICE_URL_LENGTH) return { ok: false, reason: 'length' };
  if (!PLAIN_ASCII.test(raw)) return { ok: false, reason: 'characters' };
  const shape = SHAPE.exec(raw);
  if (!shape) return { ok: false, reason: 'scheme' };
  const [, , authority = '', path = ''] = shape;
  if (!AUTHORITY.test(authority)) return { ok: false, reason: 'authority' };
  if (path !== '' && !path.startsWith('/')) return { ok: false, reason: 'path' };
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment))) return { ok: false, reason: 'dot-segment' };
  try {
    new URL(raw);
  } catch {
    return { ok: false, reason: 'unparsable' };
  }
  return { ok: true };
}

/** The service URL with ticket=… appended exactly as given: `?` or `&`, before any fragment, nothing re-encoded. */
export function appendTicket(service: string, ticket: string): string {
  const hash = service.indexOf('#');
  const base = hash === -1 ? service : service.slice(0, hash);
  const fragment = hash === -1 ? '' : service.slice(hash);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}ticket=${ticket}${fragment}`;
}

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; code: 'PATTERN_NOT_ANCHORED' | 'PATTERN_INVALID' };

const MAX_PATTERN_LENGTH = 500;

function endsWithUnescapedDollar(pattern: string): boolean {
  if (!pattern.endsWith('$')) return false;
  const backslashes = /\\*$/.exec(pattern.slice(0, -1))?.[0].length ?? 0;
  return backslashes % 2 === 0;
}

/**
 * A registry pattern must be written anchored (^…$) and is matched against the whole URL, as
 * Apereo CAS does with Java's Matcher.matches(), so `^a|b$` cannot match a prefix or suffix.
 */
export function compileServicePattern(pattern: string): PatternCheck {
  if (pattern.length > MAX_PATTERN_LENGTH || !pattern.startsWith('^') || !endsWithUnescapedDollar(pattern)) {
    return { ok: false, code: 'PATTERN_NOT_ANCHORED' };
  }
  try {
    return { ok: true, regex: new RegExp(`^(?:${pattern})$`) };
  } catch {
    return { ok: false, code: 'PATTERN_INVALID' };
  }
}
