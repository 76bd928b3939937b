import { Router, type Request, type Response } from 'express';
import { formString } from '../web/forms.ts';
import type { TextCode, TextParams } from '../web/texts.ts';
import { CONSOLE_PATH } from './session.ts';
import type { ConsoleDeps } from './deps.ts';

const LOGIN_THROTTLE = 'staff-login';

/** /console/login and /console/logout: staff sign-in with lockout after repeated failures. */
export function loginRoutes(deps: ConsoleDeps) {
  const { store, clock, config } = deps;
  const router = Router();

  function renderLogin(req: Request, res: Response, status: number, error?: { code: TextCode; params?: TextParams }, username = '') {
    const notice = req.session.consoleNotice;
    delete req.session.consoleNotice;
    res.status(status).render('console/login', { csrfToken: deps.csrfToken(req), error, username, notice, loggedOut: req.query.loggedOut === '1' });
  }

  router.get('/login', (req, res) => {
    if (req.session.staff) return res.redirect(303, CONSOLE_PATH);
    renderLogin(req, res, 200);
  });

  router.post('/login', async (req, res, next) => {
    const body = req.body as Record<string, unknown>;
    const username = formString(body, 'username', 64).trim();
    const password = formString(body, 'password', 200);
    const key = username.toLowerCase();
    const now = clock.now();
    const lockedUntil = store.throttle.lockedUntil(LOGIN_THROTTLE, key, now);
    if (lockedUntil) {
      return renderLogin(req, res, 429, { code: 'CONSOLE_LOGIN_LOCKED', params: { minutes: Math.ceil((lockedUntil - now) / 60000) } }, username);
    }
    await deps.firstAdmin.ready;
    const staff = store.staff.findByUsername(username);
    // Unknown user names still cost one verification, so timing does not tell which names exist.
    const valid = await deps.verifyPassword(staff?.password_hash, password);
    if (!staff || !valid || staff.disabled) {
      const failures = store.throttle.recordFailure(LOGIN_THROTTLE, key, now, config.console.loginLockMs);
      store.audit.record({ at: now, event: 'STAFF_LOGIN', outcome: 'error', code: 'CONSOLE_LOGIN_FAILED', actor: username.slice(0, 64), ip: req.ip ?? null });
      if (failures >= config.console.maxLoginFailures) {
        store.throttle.lock(LOGIN_THROTTLE, key, now + config.console.loginLockMs);
        const minutes = Math.ceil(config.console.loginLockMs / 60000);
        return renderLogin(req, res, 429, { code: 'CONSOLE_LOGIN_LOCKED', params: { minutes } }, username);
      }
      return renderLogin(req, res, 401, { code: 'CONSOLE_LOGIN_FAILED' }, username);
    }
    store.throttle.clearFailures(LOGIN_THROTTLE, key);
    store.staff.touchLogin(staff.id, now);
    store.audit.record({ at: now, event: 'STAFF_LOGIN', outcome: 'ok', actor: staff.username, ip: req.ip ?? null });
    // A new identity in this session: a fresh session id, so a planted cookie cannot ride along.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.staff = { id: staff.id, username: staff.username, displayName: staff.display_name, role: staff.role, lastSeenAt: now };
      res.redirect(303, CONSOLE_PATH);
    });
  });

  router.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.redirect(303, `${CONSOLE_PATH}/login?loggedOut=1`);
    });
  });

  return router;
}
