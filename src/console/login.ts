import { Router, type Request, type Response } from 'express';
import { minutesUntil } from '../rules/beijingTime.ts';
import { formString } from '../web/forms.ts';
import type { TextCode, TextParams } from '../web/texts.ts';
import { CONSOLE_PATH } from './session.ts';
import type { ConsoleDeps } from './deps.ts';

/** /console/login and /console/logout: staff sign-in with lockout after repeated failures. */
export function loginRoutes(deps: ConsoleDeps) {
  const { store, clock, config, limiter } = deps;
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
    const ip = req.ip ?? null;
    const audit = { event: 'STAFF_LOGIN' as const, outcome: 'error' as const, actor: username.slice(0, 64), ip };
    const locked = (until: number) => {
      const now = clock.now();
      store.audit.record({ ...audit, at: now, code: 'CONSOLE_LOGIN_LOCKED' });
      return renderLogin(req, res, 429, { code: 'CONSOLE_LOGIN_LOCKED', params: { minutes: minutesUntil(until, now) } }, username);
    };
    // The attempt takes its place in the count before the verification is awaited, so a burst cannot outrun it.
    const admission = limiter.admit('staffLogin', { subject: username.toLowerCase(), address: ip ?? '' });
    if (!admission.ok && admission.reason === 'busy') return renderLogin(req, res, 429, { code: 'RATE_LIMITED' }, username);
    if (!admission.ok) return locked(admission.reason === 'locked' ? admission.until : clock.now() + config.console.loginLockMs);
    await deps.firstAdmin.ready;
    const staff = store.staff.findByUsername(username);
    // Unknown user names still cost one verification, so timing does not tell which names exist.
    const valid = await deps.verifyPassword(staff?.password_hash, password);
    if (!staff || !valid || staff.disabled) {
      const failed = admission.slot.fail();
      store.audit.record({ ...audit, at: clock.now(), code: 'CONSOLE_LOGIN_FAILED' });
      if (failed.lockedUntil !== undefined) return locked(failed.lockedUntil);
      return renderLogin(req, res, 401, { code: 'CONSOLE_LOGIN_FAILED' }, username);
    }
    const accepted = admission.slot.succeed();
    if (!accepted.ok) return locked(accepted.until);
    const now = clock.now();
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
