import ejs from 'ejs';
import express, { type Request } from 'express';
import type { Logger } from 'pino';
import { pino } from 'pino';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Db } from './data/db.ts';
import { seedDemoRoster } from './data/demoRoster.ts';
import { createStore } from './data/store.ts';
import { apiRouter } from './api/router.ts';
import { ensureFirstAdmin } from './console/firstAdmin.ts';
import { consoleRouter } from './console/router.ts';
import { activationRouter, ACTIVATION_PATH } from './flows/activation/router.ts';
import type { ActivationState } from './flows/activation/state.ts';
import { casRouter, type CasDeps } from './cas/router.ts';
import { loginPageHandler } from './cas/login.ts';
import { createExecutionTokens } from './cas/executionToken.ts';
import { createLoginPages } from './cas/loginPage.ts';
import { seedDemoServices } from './data/demoServices.ts';
import { recoveryRouter, RECOVERY_PATH } from './flows/recovery/router.ts';
import type { RecoveryState } from './flows/recovery/state.ts';
import { createCaptchas } from './web/captcha.ts';
import { createOutbound } from './messaging/outbound.ts';
import { createSingleLogout } from './messaging/singleLogout.ts';
import { createVerificationCodes } from './messaging/verificationCodes.ts';
import { generateToken } from './rules/codes.ts';
import { compileServicePattern } from './rules/serviceUrl.ts';
import { createErrorHandler, notFound } from './web/errors.ts';
import { paths } from './web/paths.ts';
import { createLimiter } from './web/limiter.ts';
import { createPasswordHashing, createPasswordVerifier, type PasswordHashing } from './web/passwordHashing.ts';
import { csrfProtection, failedPostLimiter, noStoreByDefault, securityHeaders } from './web/security.ts';
import { sessionMiddleware, skipsSession } from './web/session.ts';
import { textOf } from './web/texts.ts';
import { createWecomApp } from './wecom/router.ts';

declare module 'express-session' {
  interface SessionData {
    activation?: ActivationState;
    recovery?: RecoveryState;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  clock?: Clock;
  log?: Logger;
  /** Insert the demo roster when it is missing (default true). */
  seedDemo?: boolean;
  /** argon2 hashing and verification; default the real one-per-core gate (a test may count what passes through it). */
  passwords?: PasswordHashing;
}

export function createApp(deps: AppDeps) {
  const { config, db } = deps;
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? pino({ level: config.env === 'test' ? 'silent' : 'info' });
  const store = createStore(db);
  if (deps.seedDemo ?? true) {
    seedDemoRoster(store, clock.now());
    seedDemoServices(store, clock.now(), (pattern) => compileServicePattern(pattern).ok);
  }

  // Secrets not given in the environment are generated once and kept in the database, never printed.
  const sessionSecret = config.sessionSecret ?? store.meta.getOrCreate('session_secret', () => generateToken(32)).value;
  const codeSecret = store.meta.getOrCreate('code_secret', () => generateToken(32)).value;
  const executionSecret = store.meta.getOrCreate('execution_secret', () => generateToken(32)).value;
  const apiToken = config.apiToken
    ? { value: config.apiToken, created: false }
    : store.meta.getOrCreate('api_token', () => generateToken(24));

  const outbound = createOutbound({ config, store, clock, log });
  const captchaEnabled = () => store.settings.current({ captcha: config.cas.captchaEnabled }).captcha;
  const limiter = createLimiter({ store, clock, config, captchaEnabled });
  const codes = createVerificationCodes({ config, store, clock, outbound, limiter, codeSecret });
  const singleLogout = createSingleLogout({ config, store, clock, log });
  const passwords = deps.passwords ?? createPasswordHashing(config.argon2);
  const hashPassword = passwords.hash;
  const csrf = csrfProtection();
  const captchas = createCaptchas({ store, clock, sliderTolerancePx: config.cas.sliderTolerancePx });
  const verifyPassword = createPasswordVerifier(passwords);
  const firstAdmin = ensureFirstAdmin({ store, now: clock.now, configuredPassword: config.console.adminPassword, hashPassword, log });
  // Its own secret as well as its own cookie: a candidate's session id is never valid in the console.
  const consoleSecret = store.meta.getOrCreate('console_session_secret', () => generateToken(32)).value;
  // The WeCom app is another service: its own session secret and code key, its SMS through the same gateway.
  const wecom = createWecomApp({
    config, db, clock, log, sms: outbound,
    sessionSecret: store.meta.getOrCreate('wecom_session_secret', () => generateToken(32)).value,
    codeSecret: store.meta.getOrCreate('wecom_code_secret', () => generateToken(32)).value,
  });

  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', paths.views);
  // Includes are written from the views root ('/partials/head'), so they resolve without a file-system check per render.
  app.engine('ejs', (file, data, done) => {
    ejs.renderFile(file, data, { root: paths.views, cache: app.enabled('view cache') }, done as (err: Error | null, html?: string) => void);
  });
  // Only configured proxies may set the client address: it keys every per-address limit and the audit.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Every dynamic answer is no-store (noStoreByDefault), so none is ever revalidated: hashing each body for an
  // ETag would be wasted. Static files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.locals.t = textOf;
  app.locals.university = config.university;

  app.use(securityHeaders(config.cookieSecure));
  app.use('/public', express.static(paths.public, { maxAge: config.env === 'production' ? '1h' : 0 }));
  app.use(noStoreByDefault);
  const executions = createExecutionTokens(executionSecret, config.cas.loginFormTtlMs, config.cookieSecure);
  const casDeps: CasDeps = { config, store, clock, log, singleLogout, captchas, codes, limiter, executions, loginPages: createLoginPages(), captchaEnabled, verifyPassword, links: { activation: ACTIVATION_PATH, recovery: RECOVERY_PATH } };
  const cas = casRouter(casDeps);
  const showLoginPage = loginPageHandler(casDeps);
  // The login page as a browser without a portal session asks for it (every visitor's first page) goes to the CAS
  // router's own handler at once: none of the middleware mounted between here and it applies (the other services'
  // routers answer elsewhere, the session middleware skips it, it has no body to parse and is no post to count),
  // and the handler answers every such request (or passes an error on), so none comes down the chain a second time.
  app.use((req, res, next) => (isSessionlessLoginPage(req) ? showLoginPage(req, res).catch(next) : next()));
  app.use('/api/v1', apiRouter({
    store, clock, singleLogout, apiToken: apiToken.value, institutionCode: config.university.institutionCode, settingsDefaults: { captcha: config.cas.captchaEnabled },
    config, hashPassword, wecom: wecom.helpdesk,
  }));

  app.use(wecom.router);
  app.use('/console', consoleRouter({ config, db, store, clock, log, singleLogout, firstAdmin, limiter, hashPassword, verifyPassword, sessionSecret: consoleSecret, wecom: wecom.helpdesk }));

  app.use(sessionMiddleware(config, db, sessionSecret, clock.now));
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 }));
  app.use(failedPostLimiter(config.limits.failedPostsPerIpPerMinute));
  // Before CSRF: the login form's one-time execution token is its CSRF token; validation is server-to-server.
  app.use(cas);
  app.use(csrf.protect);

  app.get('/', (_req, res) => res.redirect(302, '/authserver/login'));
  app.get('/guide/wecom', (_req, res) => res.render('guide/wecom'));
  app.use(activationRouter({ config, store, codes, limiter, captchas, captchaEnabled, log, hashPassword }, { now: clock.now, csrfToken: csrf.tokenFor }));
  app.use(recoveryRouter({ config, store, codes, limiter, log, singleLogout, hashPassword, verifyPassword, captchas, captchaEnabled }, { now: clock.now, csrfToken: csrf.tokenFor }));

  app.use(notFound);
  app.use(createErrorHandler(log));

  return { app, store, config, clock, log, codes, outbound, singleLogout, apiToken, firstAdmin, passwords, wecom };
}

export type Portal = ReturnType<typeof createApp>;

/** A GET or HEAD of the login page without a body, that the session middleware would skip. */
function isSessionlessLoginPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.path === '/authserver/login'
    && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined && skipsSession(req);
}
