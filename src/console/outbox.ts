import { Router, type Request, type Response } from 'express';
import type { OutboxRow } from '../data/outbox.ts';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime, shownMessage } from './format.ts';
import { CONSOLE_PATH, flash, requireAdmin, staffOf } from './session.ts';

const PAGE_SIZE = 50;

// An email's HTML runs in an opaque origin with no script, no forms and nothing loaded from elsewhere.
const EMAIL_SANDBOX_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

declare module 'express-session' {
  interface SessionData {
    /** The message this member last asked to see in full: its framed HTML is then served unmasked too. */
    revealedMessageId?: number;
  }
}

const pageOf = (raw: unknown) => Math.max(1, Math.min(10_000, Number.parseInt(String(raw ?? '1'), 10) || 1));

/**
 * 消息记录: every simulated SMS and email, like a mail catcher. Recipients and codes are masked for every
 * staff member until they press 显示, which is recorded like 显示 on a candidate's page.
 */
export function outboxRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  function renderList(res: Response, q: { to: string; page: number }, revealed: boolean): OutboxRow[] {
    const now = clock.now();
    const rows = store.mailbox.list({ to: q.to, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE, now });
    const total = store.mailbox.count({ to: q.to, now });
    res.render('console/outbox', {
      to: q.to, page: q.page, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), revealed,
      rows: rows.map((m) => ({ ...m, ...shownMessage(m, revealed), time: beijingTime(m.created_at) })),
    });
    return rows;
  }

  function messageOr404(id: unknown): OutboxRow {
    const m = store.mailbox.findArrived(Number(id), clock.now());
    if (!m) throw new PortalError('NOT_FOUND', { status: 404 });
    return m;
  }

  function recordReveal(req: Request, params: Record<string, unknown>) {
    const staff = staffOf(req);
    store.audit.record({ at: clock.now(), event: 'STAFF_OUTBOX_REVEAL', outcome: 'ok', actor: staff.username, params: { staffName: staff.displayName, ...params }, ip: req.ip ?? null });
  }

  router.get('/outbox', (req, res) => {
    renderList(res, { to: typeof req.query.to === 'string' ? req.query.to.trim().slice(0, 254) : '', page: pageOf(req.query.page) }, false);
  });

  router.post('/outbox/reveal', (req, res) => {
    const form = req.body as Record<string, unknown>;
    const q = { to: formString(form, 'to', 254).trim(), page: pageOf(form.page) };
    res.set('Cache-Control', 'no-store');
    const rows = renderList(res, q, true);
    recordReveal(req, { to: q.to, page: q.page, count: rows.length });
  });

  router.get('/outbox/:id', (req, res) => {
    const m = messageOr404(req.params.id);
    res.render('console/message', { m: { ...m, ...shownMessage(m, false) }, time: beijingTime(m.created_at), revealed: false });
  });

  router.post('/outbox/:id/reveal', (req, res) => {
    const m = messageOr404(req.params.id);
    recordReveal(req, { to: m.recipient, count: 1, messageId: m.id });
    req.session.revealedMessageId = m.id;
    res.set('Cache-Control', 'no-store');
    res.render('console/message', { m, time: beijingTime(m.created_at), revealed: true });
  });

  /** The email's own HTML, framed by the message page; the CSP sandbox makes it inert even if opened directly. */
  router.get('/outbox/:id/html', (req, res) => {
    const m = messageOr404(req.params.id);
    if (!m.html) throw new PortalError('NOT_FOUND', { status: 404 });
    res.set({
      'Content-Security-Policy': EMAIL_SANDBOX_CSP,
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-store',
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.send(shownMessage(m, req.session.revealedMessageId === m.id).html);
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
