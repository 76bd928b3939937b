import { Router, type Response } from 'express';
import { STAFF_PASSWORD_MIN_LENGTH } from '../config.ts';
import type { AuditEvent } from '../data/auditEvents.ts';
import type { StaffRole } from '../data/staff.ts';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import type { TextCode } from '../web/texts.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime } from './format.ts';
import { CONSOLE_PATH, flash, staffOf } from './session.ts';

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;
const ROLES: StaffRole[] = ['agent', 'admin'];
const STAFF_PATH = `${CONSOLE_PATH}/staff`;

type FieldErrors = Partial<Record<'username' | 'displayName' | 'role' | 'password', TextCode>>;

/** 员工账号 (admins): create staff, change roles, disable, set passwords. There is always one enabled admin. */
export function staffRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  const render = (res: Response, status = 200, errors: FieldErrors = {}, values: Record<string, string> = {}) =>
    res.status(status).render('console/staff', {
      staffList: store.staff.list().map((s) => ({
        ...s,
        lastLogin: beijingTime(s.last_login_at),
        // The sole enabled admin is offered neither 停用 nor another role (the server refuses both too).
        soleAdmin: s.role === 'admin' && !s.disabled && store.staff.activeAdminCount() === 1,
      })),
      roles: ROLES,
      errors,
      values,
      minLength: STAFF_PASSWORD_MIN_LENGTH,
    });

  function memberOr404(id: string) {
    const member = store.staff.findById(Number(id));
    if (!member) throw new PortalError('NOT_FOUND', { status: 404 });
    return member;
  }

  const audit = (actor: string, event: AuditEvent, params: Record<string, unknown>) =>
    store.audit.record({ at: clock.now(), event, outcome: 'ok', actor, params });

  router.get('/staff', (_req, res) => render(res));

  router.post('/staff', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = { username: formString(body, 'username', 64).trim(), displayName: formString(body, 'displayName', 50).trim(), role: formString(body, 'role', 10) };
    const password = formString(body, 'password', 200);
    const errors: FieldErrors = {};
    if (!USERNAME.test(values.username)) errors.username = 'STAFF_USERNAME_FORMAT';
    else if (store.staff.findByUsername(values.username)) errors.username = 'STAFF_USERNAME_TAKEN';
    if (values.displayName === '') errors.displayName = 'STAFF_DISPLAY_NAME_REQUIRED';
    if (!ROLES.includes(values.role as StaffRole)) errors.role = 'STAFF_ROLE_INVALID';
    if (password.length < STAFF_PASSWORD_MIN_LENGTH) errors.password = 'STAFF_PASSWORD_SHORT';
    if (Object.keys(errors).length) return render(res, 400, errors, values);
    // Hash first, then one short write.
    const passwordHash = await deps.hashPassword(password);
    store.transaction(() => {
      store.staff.insert({ username: values.username, displayName: values.displayName, role: values.role as StaffRole, passwordHash }, clock.now());
      audit(staffOf(req).username, 'STAFF_CREATED', { username: values.username, role: values.role });
    });
    flash(req, 'info', 'STAFF_SAVED');
    res.redirect(303, STAFF_PATH);
  });

  router.post('/staff/:id/role', (req, res) => {
    const member = memberOr404(req.params.id);
    const role = formString(req.body as Record<string, unknown>, 'role', 10) as StaffRole;
    if (!ROLES.includes(role)) return render(res, 400, { role: 'STAFF_ROLE_INVALID' });
    store.transaction(() => {
      store.staff.setRole(member.id, role, clock.now());
      // Throwing rolls the change back: someone must always be able to manage staff.
      if (store.staff.activeAdminCount() === 0) throw new PortalError('STAFF_LAST_ADMIN', { status: 409 });
      audit(staffOf(req).username, 'STAFF_ROLE_CHANGED', { username: member.username, role });
    });
    flash(req, 'info', 'STAFF_SAVED');
    res.redirect(303, STAFF_PATH);
  });

  router.post('/staff/:id/disabled', (req, res) => {
    const member = memberOr404(req.params.id);
    const disabled = formString(req.body as Record<string, unknown>, 'disabled', 5) === '1';
    store.transaction(() => {
      store.staff.setDisabled(member.id, disabled, clock.now());
      if (store.staff.activeAdminCount() === 0) throw new PortalError('STAFF_LAST_ADMIN', { status: 409 });
      audit(staffOf(req).username, disabled ? 'STAFF_DISABLED' : 'STAFF_ENABLED', { username: member.username });
    });
    flash(req, 'info', 'STAFF_SAVED');
    res.redirect(303, STAFF_PATH);
  });

  router.post('/staff/:id/password', async (req, res, next) => {
    const member = memberOr404(req.params.id);
    const password = formString(req.body as Record<string, unknown>, 'password', 200);
    if (password.length < STAFF_PASSWORD_MIN_LENGTH) return render(res, 400, { password: 'STAFF_PASSWORD_SHORT' });
    const hash = await deps.hashPassword(password);
    const own = member.id === staffOf(req).id;
    // A new password ends every session the old one opened (someone may have learnt it); one's own current
    // session stays, under a fresh id.
    const ended = store.transaction(() => {
      store.staff.setPasswordHash(member.id, hash, clock.now());
      const count = store.staff.endSessions(member.id, own ? req.sessionID : null);
      audit(staffOf(req).username, 'STAFF_PASSWORD_SET', { username: member.username, sessionsEnded: count });
      return count;
    });
    const done = () => {
      flash(req, 'info', 'STAFF_PASSWORD_SAVED', { count: ended });
      res.redirect(303, STAFF_PATH);
    };
    if (!own) return done();
    const signedIn = staffOf(req);
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.staff = signedIn;
      done();
    });
  });

  return router;
}
