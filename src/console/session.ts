import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { Config } from '../config.ts';
import type { Db } from '../data/db.ts';
import type { StaffRole } from '../data/staff.ts';
import type { Store } from '../data/store.ts';
import { PortalError } from '../web/errors.ts';
import { SqliteSessionStore } from '../web/sessionStore.ts';
import type { TextCode, TextParams } from '../web/texts.ts';

export const CONSOLE_COOKIE = 'IDAS_CONSOLE';
export const CONSOLE_PATH = '/console';

export interface SignedInStaff {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  /** Clock time of the last request, for the idle timeout. */
  lastSeenAt: number;
}

declare module 'express-session' {
  interface SessionData {
    staff?: SignedInStaff;
    /** A notice shown once on the next page (POST-redirect-GET). */
    consoleNotice?: { kind: 'info' | 'error'; code: TextCode; params?: TextParams };
  }
}

/** The console's own session: its own cookie, path and secret, so a candidate's session never counts here. */
export function consoleSession(config: Config, db: Db, secret: string, now: () => number): RequestHandler {
  return session({
    name: CONSOLE_COOKIE,
    secret,
    store: new SqliteSessionStore(db, { table: 'sessions', now }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { path: CONSOLE_PATH, httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, maxAge: config.console.idleTimeoutMs },
  });
}

export function staffOf(req: Request): SignedInStaff {
  return req.session.staff!;
}

export function flash(req: Request, kind: 'info' | 'error', code: TextCode, params?: TextParams): void {
  req.session.consoleNotice = { kind, code, params };
}

/**
 * Signed-in staff only; past the idle timeout the session ends and the login page says why. The account is
 * read again on every request, so disabling someone or changing their role takes effect at once.
 */
export function requireStaff(store: Store, idleTimeoutMs: number, now: () => number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const staff = req.session.staff;
    const account = staff ? store.staff.findById(staff.id) : undefined;
    if (!staff || !account || account.disabled) {
      delete req.session.staff;
      if (req.method === 'GET') flash(req, 'info', 'CONSOLE_LOGIN_REQUIRED');
      return res.redirect(303, `${CONSOLE_PATH}/login`);
    }
    if (now() - staff.lastSeenAt > idleTimeoutMs) {
      delete req.session.staff;
      flash(req, 'info', 'CONSOLE_SESSION_IDLE', { minutes: Math.round(idleTimeoutMs / 60000) });
      return res.redirect(303, `${CONSOLE_PATH}/login`);
    }
    staff.lastSeenAt = now();
    staff.role = account.role;
    next();
  };
}

export function requireAdmin(req: Request, _res: Response, next: NextFunction) {
  if (req.session.staff?.role !== 'admin') return next(new PortalError('CONSOLE_FORBIDDEN', { status: 403 }));
  next();
}
