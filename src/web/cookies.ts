import type { Request } from 'express';

/** A cookie's value as the browser sent it, if it sent one (no cookie-parser: only a few are ever read). */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const hasCookie = (req: Request, name: string) => cookieOf(req, name) !== undefined;
