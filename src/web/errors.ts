import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { textOf, type TextCode, type TextParams } from './texts.ts';

/** An expected failure with a stable code; the one error handler turns it into a page or JSON. */
export class PortalError extends Error {
  readonly status: number;
  readonly params: TextParams;
  readonly fields?: Record<string, { code: string; message: string }>;

  constructor(
    readonly code: TextCode,
    options: { status?: number; params?: TextParams; fields?: Record<string, { code: string; message: string }> } = {},
  ) {
    super(code);
    this.status = options.status ?? 400;
    this.params = options.params ?? {};
    this.fields = options.fields;
  }
}

function isApi(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

/** Body-parser and similar errors carry an HTTP status; map the ones a client can cause. */
function clientErrorOf(err: unknown): PortalError | undefined {
  const e = err as { status?: number; type?: string } | null;
  if (!e || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  if (e.type === 'entity.too.large') return new PortalError('PAYLOAD_TOO_LARGE', { status: 413 });
  if ((err as { code?: string }).code === 'EBADCSRFTOKEN') return new PortalError('CSRF_INVALID', { status: 403 });
  return new PortalError('BAD_REQUEST', { status: e.status === 415 ? 415 : 400 });
}

export function createErrorHandler(log: Logger) {
  return function renderError(err: unknown, req: Request, res: Response, _next: NextFunction) {
    let known = err instanceof PortalError ? err : clientErrorOf(err);
    let requestId: string | undefined;
    if (!known) {
      requestId = randomUUID().slice(0, 8);
      log.error({ err, requestId, path: req.path }, 'unhandled error');
      known = new PortalError('INTERNAL', { status: 500, params: { requestId } });
    }
    if (res.headersSent) return;
    const message = textOf(known.code, known.params);
    res.status(known.status);
    if (isApi(req)) {
      res.json({ code: known.code, message, ...(known.fields ? { fields: known.fields } : {}) });
      return;
    }
    // A feature with its own look (the staff console) names its error page in res.locals.errorView.
    res.render(typeof res.locals.errorView === 'string' ? res.locals.errorView : 'error', { message, code: known.code, requestId });
  };
}

export function notFound(_req: Request, _res: Response, next: NextFunction) {
  next(new PortalError('NOT_FOUND', { status: 404 }));
}
