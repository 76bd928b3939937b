// CAS service URLs: what a service identifier may look like before the registry is even asked,
// and how a ticket is appended to it.
import { isSafePattern } from 'redos-detector';

export type ServiceUrlCheck = { ok: true } | { ok: false; reason: string };

const MAX_SERVICE_URL_LENGTH = 2048;
// Printable ASCII without space or backslash: no header injection, no parser disagreements.
const PLAIN_ASCII = /^[\x21-\x5B\x5D-\x7E]+$/;
const SHAPE = /^(https?):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
// A host name or an IP literal, an optional port, and nothing else (no user info).
const AUTHORITY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
// Segments of dots only: "." and ".." are resolved away by URL parsers; IIS and Windows drop trailing dots.
const DOTS_ONLY = /^\.+$/;
// Escapes a server may decode before it routes: dots, separators (/ \ ;), percent itself (double encoding), controls.
const ROUTING_ESCAPE = /%(?:2e|2f|5c|3b|25|[01][0-9a-f]|7f)/i;

/**
 * A path that every server routes as written. Tomcat strips ";…" path parameters (so "/wecom/..;/new/"
 * becomes "/new/"), nginx and others decode "%2e" and "%2f" before resolving dots, and a double-encoded
 * "%252e" survives one decoding: any of these would let a URL matching /wecom/ reach /new/.
 */
function isPlainPath(path: string): boolean {
  if (path.includes(';') || ROUTING_ESCAPE.test(path)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false; // broken escapes and overlong UTF-8 ("%c0%ae") are read differently by different servers
  }
  return !decoded.split('/').some((segment) => DOTS_ONLY.test(segment));
}

/**
 * Refuses service URLs that a browser or the service's server would read differently from a regular
 * expression: user info, backslashes, odd hosts, dot segments and path confusion in any encoding
 * (as Apereo CAS refuses them). Registered patterns only see what passes.
 */
export function checkServiceUrl(raw: string): ServiceUrlCheck {
  if (raw.length === 0 || raw.length > MAX_SERVICE_URL_LENGTH) return { ok: false, reason: 'length' };
  if (!PLAIN_ASCII.test(raw)) return { ok: false, reason: 'characters' };
  const shape = SHAPE.exec(raw);
  if (!shape) return { ok: false, reason: 'scheme' };
  const [, , authority = '', path = ''] = shape;
  if (!AUTHORITY.test(authority)) return { ok: false, reason: 'authority' };
  if (path !== '' && !path.startsWith('/')) return { ok: false, reason: 'path' };
  if (!isPlainPath(path)) return { ok: false, reason: 'path' };
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

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; code: 'PATTERN_NOT_ANCHORED' | 'PATTERN_INVALID' | 'PATTERN_UNSAFE' };

const MAX_PATTERN_LENGTH = 500;
// How far redos-detector may explore one pattern (steps, not time, so the verdict never depends on load);
// one it cannot clear within them is refused. Ordinary URL patterns are cleared well within it.
const SAFETY_CHECK_MAX_STEPS = 5000;
// Compiled and checked once per pattern text: the registry holds a handful, and every login and validation matches them.
const compiledPatterns = new Map<string, PatternCheck>();

function endsWithUnescapedDollar(pattern: string): boolean {
  if (!pattern.endsWith('$')) return false;
  const backslashes = /\\*$/.exec(pattern.slice(0, -1))?.[0].length ?? 0;
  return backslashes % 2 === 0;
}

/**
 * A registry pattern must be written anchored (^…$) and is matched against the whole URL, as
 * Apereo CAS does with Java's Matcher.matches(), so `^a|b$` cannot match a prefix or suffix.
 * Every anonymous ?service= runs it, so a pattern that could backtrack without bound (nested or
 * overlapping quantifiers such as `^(a+)+$`) is refused: redos-detector must find it safe.
 */
export function compileServicePattern(pattern: string): PatternCheck {
  let check = compiledPatterns.get(pattern);
  if (!check) {
    // Patterns come from staff and the API; an unbounded stream of new ones only restarts the memo.
    if (compiledPatterns.size >= 1000) compiledPatterns.clear();
    compiledPatterns.set(pattern, (check = compile(pattern)));
  }
  return check;
}

function compile(pattern: string): PatternCheck {
  if (pattern.length > MAX_PATTERN_LENGTH || !pattern.startsWith('^') || !endsWithUnescapedDollar(pattern)) {
    return { ok: false, code: 'PATTERN_NOT_ANCHORED' };
  }
  const whole = `^(?:${pattern})$`;
  let regex: RegExp;
  try {
    regex = new RegExp(whole);
  } catch {
    return { ok: false, code: 'PATTERN_INVALID' };
  }
  if (!isSafePattern(whole, { maxSteps: SAFETY_CHECK_MAX_STEPS }).safe) return { ok: false, code: 'PATTERN_UNSAFE' };
  return { ok: true, regex };
}
