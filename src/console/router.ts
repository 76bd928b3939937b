import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Db } from '../data/db.ts';
import { PortalError } from '../web/errors.ts';
import { csrfProtection, failedPostLimiter } from '../web/security.ts';
import { candidatePageRoutes } from './candidatePage.ts';
import { candidateRoutes } from './candidates.ts';
import { dashboardRoutes } from './dashboard.ts';
import type { ConsoleDeps } from './deps.ts';
import { faultRoutes } from './faults.ts';
import { describeFault } from './format.ts';
import { IMPORT_UPLOAD_PATH, importRoutes } from './import.ts';
import { loginRoutes } from './login.ts';
import { outboxRoutes } from './outbox.ts';
import { scriptRoutes } from './scripts.ts';
import { consoleSession, requireAdmin, requireStaff } from './session.ts';
import { staffLogRoutes } from './staffLog.ts';
import { staffRoutes } from './staff.ts';
import { wecomRoutes } from './wecom.ts';
import { wecomGroupRoutes } from './wecomGroups.ts';

/**
 * Everything under /console: its own session cookie and CSRF tokens, staff sign-in, then the pages.
 * Mounted before the candidates' session, which therefore never sees a console request.
 */
export function consoleRouter(deps: Omit<ConsoleDeps, 'csrfToken'> & { db: Db; sessionSecret: string }) {
  const { config, store, clock } = deps;
  const csrf = csrfProtection();
  const full: ConsoleDeps = { ...deps, csrfToken: csrf.tokenFor };
  const router = Router();

  router.use((_req, res, next) => {
    res.locals.errorView = 'console/error';
    next();
  });
  router.use(consoleSession(config, deps.db, deps.sessionSecret, clock.now));
  router.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 }));
  // Express 5 leaves the body undefined when no parser ran (a POST without a form); every handler here reads a form.
  router.use((req, _res, next) => {
    req.body ??= {};
    next();
  });
  router.use(failedPostLimiter(config.limits.failedPostsPerIpPerMinute));
  // The upload is multipart: its token is checked after multer has read the form (importRoutes).
  router.use((req, res, next) => (req.path === IMPORT_UPLOAD_PATH ? next() : csrf.protect(req, res, next)));
  router.use(loginRoutes(full));

  router.use(requireStaff(store, config.console.idleTimeoutMs, clock.now));
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.staff = req.session.staff;
    res.locals.csrfToken = csrf.tokenFor(req);
    res.locals.faultBanner = store.faults.active().map(describeFault).join('；');
    res.locals.notice = req.session.consoleNotice;
    res.locals.currentPath = req.path;
    delete req.session.consoleNotice;
    next();
  });
  router.use(dashboardRoutes(full));
  router.use(candidateRoutes(full));
  router.use(candidatePageRoutes(full));
  router.use(outboxRoutes(full));
  router.use(scriptRoutes(full));
  router.use(wecomRoutes(full));
  router.use(wecomGroupRoutes(full));
  router.use(['/import', '/faults', '/staff', '/audit'], requireAdmin);
  router.use(importRoutes(full, csrf.protect));
  router.use(faultRoutes(full));
  router.use(staffRoutes(full));
  router.use(staffLogRoutes(full));
  router.use(() => {
    throw new PortalError('NOT_FOUND', { status: 404 });
  });
  router.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const multer = err as { name?: string; code?: string };
    if (multer?.name !== 'MulterError') return next(err);
    next(multer.code === 'LIMIT_FILE_SIZE' ? new PortalError('PAYLOAD_TOO_LARGE', { status: 413 }) : new PortalError('BAD_REQUEST', { status: 400 }));
  });
  return router;
}
