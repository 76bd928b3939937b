import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { PortalError } from '../web/errors.ts';
import { csrfProtection, failedPostLimiter } from '../web/security.ts';
import { SqliteSessionStore } from '../web/sessionStore.ts';
import { ACTIVATE_PATH, wecomActivationRouter } from './activation/router.ts';
import { appRoutes } from './app/routes.ts';
import type { Db } from './data/db.ts';
import { createWecomStore } from './data/store.ts';
import type { WecomDeps } from './deps.ts';
import { isHarmonyOs } from './device.ts';
import { createHelpdesk } from './helpdesk.ts';
import { createJourney } from './journey.ts';
import { createPhoneCodes, type SmsGateway } from './phoneCodes.ts';
import { createPhoneLookUps } from './phoneLookUps.ts';
import { wechatIdentity, wecomSession, WECOM_PATH } from './session.ts';
import { signInRoutes } from './signInRoutes.ts';
import { singleLogout } from './slo.ts';
import { startRoutes } from './start.ts';
import { SECOND_AUTH_PATH, wechatRoutes } from './wechat/routes.ts';
import { workbenchRoutes } from './wechat/workbench.ts';

export interface WecomAppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  /** The host's SMS gateway: the app's codes land in the same outbox as the portal's. */
  sms: SmsGateway;
  sessionSecret: string;
  codeSecret: string;
}

/**
 * The downstream WeCom activation app: mounted at the root by its host (its paths start with /wecom), with
 * its own tables, session cookie and CSRF tokens, and the portal reached only over CAS. It returns the
 * router and the help desk's functions (the console and the API call into it, never the other way).
 */
export function createWecomApp(deps: WecomAppDeps) {
  const { config, clock } = deps;
  const store = createWecomStore(deps.db);
  const sessions = new SqliteSessionStore(deps.db, { table: 'wecom_sessions', now: clock.now, onDestroy: store.casLogins.forgetSession });
  const journey = createJourney(store, clock.now, config.university.name);
  const codes = createPhoneCodes({
    store, limits: config.limits, sms: deps.sms, codeSecret: deps.codeSecret, now: clock.now,
    signature: config.university.smsSignature, corpName: config.university.name,
  });
  const lookUps = createPhoneLookUps({ store, journey, limits: config.limits, now: clock.now });
  const csrf = csrfProtection();
  const routeDeps: WecomDeps = { config, store, journey, codes, lookUps, sessions, log: deps.log, now: clock.now, csrfToken: csrf.tokenFor };

  const router = Router();
  router.use(WECOM_PATH, express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 }));
  // The CAS server's back-channel logoutRequest comes to the service URLs, with no cookie and no CSRF token.
  router.post([ACTIVATE_PATH, SECOND_AUTH_PATH], singleLogout(routeDeps));
  router.use(WECOM_PATH, (_req, res, next) => {
    res.locals.errorView = 'wecom/error';
    next();
  });
  router.use(WECOM_PATH, wechatIdentity(config.cookieSecure));
  router.use(WECOM_PATH, wecomSession({ store: sessions, secret: deps.sessionSecret, secure: config.cookieSecure, ttlMs: config.wecom.sessionTtlMs }));
  router.use(WECOM_PATH, failedPostLimiter(config.limits.failedPostsPerIpPerMinute));
  router.use(WECOM_PATH, csrf.protect);
  router.use(WECOM_PATH, (req, res, next) => {
    res.locals.harmonyOs = isHarmonyOs(req.get('user-agent'));
    next();
  });
  router.use(startRoutes(routeDeps));
  router.use(signInRoutes(routeDeps));
  router.use(wecomActivationRouter(routeDeps));
  router.use(wechatRoutes(routeDeps));
  router.use(workbenchRoutes(routeDeps));
  router.use(appRoutes(routeDeps));
  router.use(WECOM_PATH, () => {
    throw new PortalError('NOT_FOUND', { status: 404 });
  });

  // Every path of the app starts with /wecom (matched as Express matches routes, ignoring case): other
  // requests skip its layers instead of being matched against each of its routes.
  const ownPath = new RegExp(`^${WECOM_PATH}(?:/|$)`, 'i');
  const mounted: RequestHandler = (req, res, next) => (ownPath.test(req.path) ? router(req, res, next) : next());
  return { router: mounted, helpdesk: createHelpdesk({ store, journey, now: clock.now }), pruneExpired: store.housekeeping.pruneExpired };
}
