import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PortalError } from '../web/errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Authorization: Bearer <API_TOKEN>, compared in constant time. */
export function requireBearer(token: string) {
  const expected = digest(token);
  return (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      return next(new PortalError('UNAUTHORIZED', { status: 401 }));
    }
    next();
  };
}
