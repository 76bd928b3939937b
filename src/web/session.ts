import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Config } from '../config.ts';
import type { Db } from '../data/db.ts';
import { SqliteSessionStore } from '../data/sessionStore.ts';

export const SESSION_COOKIE = 'JSESSIONID';

/** Server-side sessions in SQLite behind an HttpOnly, SameSite=Lax cookie. */
export function sessionMiddleware(config: Config, db: Db, secret: string, now: () => number): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new SqliteSessionStore(db, now),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: 2 * 60 * 60 * 1000 },
  });
}
