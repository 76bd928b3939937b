import { Router, type Request, type Response } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import type { StatusFilter } from '../data/roster.ts';
import { ACCOUNT_ACTIONS, isAccountAction, runAccountAction } from '../roster/accountActions.ts';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime, personalData } from './format.ts';
import { CONSOLE_PATH, flash, staffOf } from './session.ts';
import { timelineOf } from './timeline.ts';

const PAGE_SIZE = 20;
const STATUSES: StatusFilter[] = ['', 'pending', 'active', 'locked'];
const REASON_MAX_LENGTH = 200;

const candidatePath = (no: string) => `${CONSOLE_PATH}/candidates/${encodeURIComponent(no)}`;

/** 考生查询, the candidate page with its timeline, "show" and the staff actions. */
export function candidateRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  function candidateOr404(no: string): CandidateRow {
    const c = store.candidates.findByCandidateNo(no);
    if (!c) throw new PortalError('NOT_FOUND', { status: 404 });
    return c;
  }

  function renderCandidate(req: Request, res: Response, c: CandidateRow, revealed: boolean, status = 200, reasonError = false) {
    const now = clock.now();
    const locks = (['identity', 'login'] as const)
      .map((kind) => ({ kind, until: store.throttle.lockedUntil(kind, c.candidate_no, now) }))
      .filter((l) => l.until !== undefined)
      .map((l) => ({ kind: l.kind, until: beijingTime(l.until) }));
    res.status(status).render('console/candidate', {
      c,
      shown: personalData(c, revealed),
      revealed,
      locks,
      activatedAt: beijingTime(c.activated_at),
      ssoOpen: store.ssoSessions.openForCandidate(c.id, now).length,
      timeline: timelineOf(store.audit.forCandidate(c.id, c.candidate_no), store.mailbox.forCandidate(c.id, now), revealed),
      actions: ACCOUNT_ACTIONS,
      reasonError,
    });
  }

  router.get('/candidates', (req, res) => {
    // Cut by code points: halving an emoji's surrogate pair made the pager's encodeURIComponent throw (a 500).
    const q = typeof req.query.q === 'string' ? [...req.query.q.trim()].slice(0, 100).join('') : '';
    const status = STATUSES.find((s) => s === req.query.status) ?? '';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const now = clock.now();
    const { rows, total } = store.roster.search({ q, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, now });
    res.render('console/candidates', {
      q, status, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total, statuses: STATUSES,
      rows: rows.map((r) => ({ ...r, shown: personalData(r, false) })),
    });
  });

  router.get('/candidates/:candidateNo', (req, res) => {
    renderCandidate(req, res, candidateOr404(req.params.candidateNo), false);
  });

  // Showing the full ID number, phone and email is itself recorded, like any other look at personal data.
  router.post('/candidates/:candidateNo/reveal', (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const staff = staffOf(req);
    store.audit.record({ at: clock.now(), event: 'STAFF_REVEAL', outcome: 'ok', candidateId: c.id, candidateNo: c.candidate_no, actor: staff.username, params: { staffName: staff.displayName }, ip: req.ip ?? null });
    res.set('Cache-Control', 'no-store');
    renderCandidate(req, res, c, true);
  });

  router.post('/candidates/:candidateNo/actions/:action', (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const action = req.params.action;
    if (!isAccountAction(action)) throw new PortalError('ACTION_UNKNOWN', { status: 404 });
    const reason = formString(req.body as Record<string, unknown>, 'reason', REASON_MAX_LENGTH).trim();
    if (reason === '') return renderCandidate(req, res, c, false, 400, true);
    const result = runAccountAction(store, c, action, { name: staffOf(req).username, displayName: staffOf(req).displayName, reason, ip: req.ip ?? null }, clock.now());
    flash(req, result.ok ? 'info' : 'error', result.code);
    res.redirect(303, candidatePath(c.candidate_no));
  });

  return router;
}
