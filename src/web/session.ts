import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Config } from '../config.ts';
import type { Db } from '../data/db.ts';
import { hasCookie } from './cookies.ts';
import { SqliteSessionStore } from './sessionStore.ts';

export const SESSION_COOKIE = 'JSESSIONID';

/**
 * CAS routes that never read or write the session when the browser has none: the login form and its
 * post (identity lives in CASTGC), the validations (server to server) and the captcha helpers.
 */
const SESSIONLESS_GET = new Set([
  '/authserver/login', '/authserver/validate', '/authserver/serviceValidate', '/authserver/proxyValidate',
  '/authserver/p3/serviceValidate', '/authserver/p3/proxyValidate', '/authserver/proxy',
  '/authserver/checkNeedCaptcha.htl', '/authserver/getCaptcha.htl',
]);
const SESSIONLESS_POST = new Set(['/authserver/login']);

function needsNoSession(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return SESSIONLESS_GET.has(path);
  return method === 'POST' && SESSIONLESS_POST.has(path);
}

/**
 * Server-side sessions in SQLite behind an HttpOnly, SameSite=Lax cookie. Requests that carry no session
 * cookie and go to a route that never uses one skip express-session (no id, no cookie, no store call).
 */
export function sessionMiddleware(config: Config, db: Db, secret: string, now: () => number): RequestHandler {
  const sessions = session({
    name: SESSION_COOKIE,
    secret,
    store: new SqliteSessionStore(db, { table: 'sessions', now }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: 2 * 60 * 60 * 1000 },
  });
  return (req, res, next) => (skipsSession(req) ? next() : sessions(req, res, next));
}

/** Whether the session middleware leaves this request alone: no session cookie, and a route that never uses one. */
export function skipsSession(req: Request): boolean {
  return needsNoSession(req.method, req.path) && !hasCookie(req, SESSION_COOKIE);
}
