import type { Request, Response } from 'express';

export const TGC_COOKIE = 'CASTGC';
const TGC_PATH = '/authserver';

/** A cookie's value as the browser sent it, if it sent one. */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const hasCookie = (req: Request, name: string) => cookieOf(req, name) !== undefined;

/** The ticket-granting cookie's value, if the browser sent one. */
export function readTgc(req: Request): string | undefined {
  return cookieOf(req, TGC_COOKIE) || undefined;
}

/** HttpOnly so no page script can read it; Lax so a service's redirect to /login still carries it. */
export function setTgc(res: Response, tgt: string, secure: boolean): void {
  res.cookie(TGC_COOKIE, tgt, { path: TGC_PATH, httpOnly: true, secure, sameSite: 'lax', encode: String });
}

export function clearTgc(res: Response, secure: boolean): void {
  res.clearCookie(TGC_COOKIE, { path: TGC_PATH, httpOnly: true, secure, sameSite: 'lax' });
}
