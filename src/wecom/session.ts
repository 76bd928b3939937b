import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { newRandomId } from '../web/randomId.ts';
import { cookieOf } from '../web/cookies.ts';
import type { SqliteSessionStore } from '../web/sessionStore.ts';

export const WECOM_PATH = '/wecom';
export const WECOM_SESSION_COOKIE = 'WECOM_SESSION';
/** The simulated WeChat account of this browser: one per browser, kept for a year. */
export const WECHAT_COOKIE = 'WECOM_WECHAT';
const WECHAT_ID = /^wx[A-Za-z0-9]{24}$/;
const YEAR = 365 * 24 * 60 * 60 * 1000;

/** A CAS login this browser started: the state its service URL carries back (no login CSRF). */
export interface PendingCasLogin {
  state: string;
  /** The app path the ticket comes back to. */
  path: string;
  renew: boolean;
  startedAt: number;
}

/** Signed in to the 企业微信 APP with the phone number and an SMS code. */
export interface AppSignIn {
  uid: string;
  at: number;
}

declare module 'express-session' {
  interface SessionData {
    wecomCas?: PendingCasLogin;
    wecomApp?: AppSignIn;
  }
}

/** The app's own session: its own cookie, secret, store and path, so the portal's session never counts here. */
export function wecomSession(options: { store: SqliteSessionStore; secret: string; secure: boolean; ttlMs: number }): RequestHandler {
  return session({
    name: WECOM_SESSION_COOKIE,
    secret: options.secret,
    store: options.store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Lax, not Strict: the CAS server sends the browser back here with a top-level GET from its own origin.
    cookie: { path: WECOM_PATH, httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: options.ttlMs },
  });
}

/** Gives a browser its simulated WeChat account on its first visit. */
export function wechatIdentity(secure: boolean): RequestHandler {
  return (req, res, next) => {
    const sent = cookieOf(req, WECHAT_COOKIE);
    const id = sent && WECHAT_ID.test(sent) ? sent : `wx${newRandomId(24)}`;
    if (id !== sent) res.cookie(WECHAT_COOKIE, id, { path: WECOM_PATH, httpOnly: true, sameSite: 'lax', secure, maxAge: YEAR });
    res.locals.wechatId = id;
    next();
  };
}

export function wechatIdOf(res: Response): string {
  return res.locals.wechatId as string;
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}
