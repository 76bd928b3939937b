import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { PortalError } from './errors.ts';

/** Security headers: no inline script, no framing, nothing loaded from elsewhere. */
export function securityHeaders(overHttps: boolean): RequestHandler {
  return helmet({
    strictTransportSecurity: overHttps,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        // CAS login answers a POST with a redirect to the registered service, which form-action would block.
        formAction: null,
        // Plain http on loopback is the default; upgrading would break every asset there.
        upgradeInsecureRequests: overHttps ? [] : null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * Every dynamic answer may carry personal data or a live code (pages, CAS validations, the API), so none
 * is kept by a browser or a proxy. Mounted after the static files, which keep their own Cache-Control.
 */
export const noStoreByDefault: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** Synchroniser-token CSRF protection for every form POST; the token rides in the hidden field _csrf. */
export function csrfProtection() {
  const csrf = csrfSync({
    getTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body?._csrf;
      if (typeof fromBody === 'string') return fromBody;
      const header = req.headers['x-csrf-token'];
      return typeof header === 'string' ? header : undefined;
    },
    errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
  });
  const refused = Object.assign(new Error('invalid csrf token'), { status: 403, code: 'EBADCSRFTOKEN' });
  return {
    // A request that skipped the session (src/web/session.ts) has no token to compare: refused like a wrong one.
    protect: ((req, res, next) => {
      if (!req.session && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next(refused);
      return csrf.csrfSynchronisedProtection(req, res, next);
    }) as RequestHandler,
    tokenFor: (req: Request) => csrf.generateToken(req),
  };
}

/**
 * Per-IP guard on failed form submissions only: a whole exam hall behind one address must be able to
 * succeed, but guessing from one address is slowed down.
 */
export function failedPostLimiter(limitPerMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.method !== 'POST',
    handler: (_req: Request, _res: Response, next: NextFunction) => next(new PortalError('RATE_LIMITED', { status: 429 })),
  });
}
