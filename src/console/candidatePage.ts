import { Router, type Response } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import { isAccountAction, runAccountAction } from '../roster/accountActions.ts';
import { isAccountLock } from '../rules/attemptLimits.ts';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import { applicableActions, CONFIRMED_ACTIONS } from './candidateActions.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime, personalData } from './format.ts';
import { fillScript, helpScripts, scriptContext } from './helpScripts.ts';
import { CONSOLE_PATH, flash, staffOf } from './session.ts';
import { situationsOf } from './situations.ts';
import { timelineOf } from './timeline.ts';

const REASON_MAX_LENGTH = 200;

export const candidatePath = (no: string) => `${CONSOLE_PATH}/candidates/${encodeURIComponent(no)}`;

interface PageState {
  revealed?: boolean;
  status?: number;
  reasonError?: boolean;
  reason?: string;
}

/** One candidate: roster data, account, the suggested answer for their situation, the actions that apply, the timeline. */
export function candidatePageRoutes(deps: ConsoleDeps) {
  const { store, clock, config } = deps;
  const router = Router();

  function candidateOr404(no: string): CandidateRow {
    const c = store.candidates.findByCandidateNo(no);
    if (!c) throw new PortalError('NOT_FOUND', { status: 404 });
    return c;
  }

  function renderCandidate(res: Response, c: CandidateRow, state: PageState = {}) {
    const now = clock.now();
    const revealed = state.revealed ?? false;
    const locks = store.attempts.locksOf(c.candidate_no, now).filter((l) => isAccountLock(l.kind));
    const audit = store.audit.forCandidate(c.id, c.candidate_no);
    const messages = store.mailbox.forCandidate(c.id);
    const situations = situationsOf({ candidate: c, locked: locks.length > 0, audit, messages, now });
    const context = {
      ...scriptContext(config),
      name: c.name,
      candidateNo: c.candidate_no,
      unlockTime: locks.length ? beijingTime(Math.max(...locks.map((l) => l.until))) : undefined,
    };
    res.status(state.status ?? 200).render('console/candidate', {
      c,
      shown: personalData(c, revealed),
      revealed,
      locks: locks.map((l) => ({ kind: l.kind, address: l.address, until: beijingTime(l.until) })),
      activatedAt: beijingTime(c.activated_at),
      ssoOpen: store.ssoSessions.openForCandidate(c.id, now).length,
      scripts: helpScripts(store, situations).map((s) => ({ ...s, body: fillScript(s.body, context) })),
      timeline: timelineOf(audit, messages, revealed, now),
      actions: applicableActions(c, locks.length > 0),
      reasonError: state.reasonError ?? false,
      reason: state.reason ?? '',
    });
  }

  router.get('/candidates/:candidateNo', (req, res) => {
    renderCandidate(res, candidateOr404(req.params.candidateNo));
  });

  // Showing the full ID number, phone, email and codes is itself recorded, like any other look at personal data.
  router.post('/candidates/:candidateNo/reveal', (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const staff = staffOf(req);
    store.audit.record({ at: clock.now(), event: 'STAFF_REVEAL', outcome: 'ok', candidateId: c.id, candidateNo: c.candidate_no, actor: staff.username, params: { staffName: staff.displayName }, ip: req.ip ?? null });
    res.set('Cache-Control', 'no-store');
    renderCandidate(res, c, { revealed: true });
  });

  router.post('/candidates/:candidateNo/actions/:action', (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const action = req.params.action;
    if (!isAccountAction(action)) throw new PortalError('ACTION_UNKNOWN', { status: 404 });
    const body = req.body as Record<string, unknown>;
    const reason = formString(body, 'reason', REASON_MAX_LENGTH).trim();
    if (reason === '') return renderCandidate(res, c, { status: 400, reasonError: true });
    // Without JavaScript too: an irreversible action first shows what it will do, with the reason kept.
    if (CONFIRMED_ACTIONS.includes(action) && formString(body, 'confirm', 5) !== '1') {
      return res.render('console/confirmAction', { c, action, reason, backTo: candidatePath(c.candidate_no) });
    }
    const staff = staffOf(req);
    const result = runAccountAction(store, c, action, { name: staff.username, displayName: staff.displayName, reason, ip: req.ip ?? null }, clock.now());
    flash(req, result.ok ? 'info' : 'error', result.code);
    res.redirect(303, candidatePath(c.candidate_no));
  });

  return router;
}
