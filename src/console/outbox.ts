import { Router } from 'express';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime } from './format.ts';
import { CONSOLE_PATH, flash, requireAdmin, staffOf } from './session.ts';

const PAGE_SIZE = 50;

// An email's HTML runs in an opaque origin with no script, no forms and nothing loaded from elsewhere.
const EMAIL_SANDBOX_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

/** 消息记录: every simulated SMS and email, like a mail catcher. */
export function outboxRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  router.get('/outbox', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.trim().slice(0, 254) : '';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const { rows, total } = store.mailbox.list({ to, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, now: clock.now() });
    res.render('console/outbox', {
      to, page, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      rows: rows.map((m) => ({ ...m, time: beijingTime(m.created_at) })),
    });
  });

  router.get('/outbox/:id', (req, res) => {
    const m = store.mailbox.findArrived(Number(req.params.id), clock.now());
    if (!m) throw new PortalError('NOT_FOUND', { status: 404 });
    res.render('console/message', { m, time: beijingTime(m.created_at) });
  });

  /** The email's own HTML, framed by the message page; the CSP sandbox makes it inert even if opened directly. */
  router.get('/outbox/:id/html', (req, res) => {
    const m = store.mailbox.findArrived(Number(req.params.id), clock.now());
    if (!m?.html) throw new PortalError('NOT_FOUND', { status: 404 });
    res.set({
      'Content-Security-Policy': EMAIL_SANDBOX_CSP,
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-store',
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.send(m.html);
  });

  router.post('/outbox/delete', requireAdmin, (req, res) => {
    const to = formString(req.body as Record<string, unknown>, 'to', 254).trim();
    const count = store.mailbox.remove(to);
    store.audit.record({ at: clock.now(), event: 'STAFF_OUTBOX_DELETE', outcome: 'ok', actor: staffOf(req).username, params: { to, count } });
    flash(req, 'info', 'OUTBOX_DELETED', { count });
    res.redirect(303, `${CONSOLE_PATH}/outbox`);
  });

  return router;
}
