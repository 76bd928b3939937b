import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { PortalError } from './errors.ts';

/** What a middleware that only sets and removes headers does to a response, in order. */
interface HeaderEffect { set: [string, string | number | readonly string[]][]; removed: string[] }

/** Runs a header-only middleware once against a response that records what it does. */
function headerEffectOf(middleware: RequestHandler): HeaderEffect {
  const effect: HeaderEffect = { set: [], removed: [] };
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => effect.set.push([name, value]),
    removeHeader: (name: string) => effect.removed.push(name),
  };
  let passed = false;
  void middleware({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err;
    passed = true;
  });
  if (!passed) throw new Error('the security headers middleware did not finish at once');
  return effect;
}

/** helmet's options for every answer: no inline script, no framing, nothing loaded from elsewhere. */
export function securityHeaderOptions(overHttps: boolean) {
  return {
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
    referrerPolicy: { policy: 'same-origin' as const },
  };
}

/**
 * The security headers helmet decides. None depends on the request (no CSP nonce: every directive is a
 * constant), so helmet runs once at start and each answer gets the headers it set, in its order, without its
 * chain of a dozen middlewares.
 */
export function securityHeaders(overHttps: boolean): RequestHandler {
  const decide = helmet(securityHeaderOptions(overHttps));
  const { set, removed } = headerEffectOf(decide);
  // A value made per answer (a nonce) would differ between two runs: such headers cannot be decided once.
  if (JSON.stringify(headerEffectOf(decide)) !== JSON.stringify({ set, removed })) throw new Error('helmet set different headers for two answers');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
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
