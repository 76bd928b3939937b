import type { Request, Response } from 'express';
import { cookieOf } from '../web/cookies.ts';

export const TGC_COOKIE = 'CASTGC';
const TGC_PATH = '/authserver';

/** The ticket-granting cookie's value, if the browser sent one. */
export function readTgc(req: Request): string | undefined {
  return cookieOf(req, TGC_COOKIE) || undefined;
}

/**
 * HttpOnly so no page script can read it; Lax so a service's redirect to /login still carries it.
 * A session cookie, unless 记住我 asked for the SSO session to outlive the browser (maxAgeMs).
 */
export function setTgc(res: Response, tgt: string, secure: boolean, maxAgeMs?: number): void {
  res.cookie(TGC_COOKIE, tgt, { path: TGC_PATH, httpOnly: true, secure, sameSite: 'lax', encode: String, ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) });
}

export function clearTgc(res: Response, secure: boolean): void {
  res.clearCookie(TGC_COOKIE, { path: TGC_PATH, httpOnly: true, secure, sameSite: 'lax' });
}
