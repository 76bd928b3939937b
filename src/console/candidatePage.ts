import { Router } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import { isAccountAction, runAccountAction } from '../roster/accountActions.ts';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import { CONFIRMED_ACTIONS } from './candidateActions.ts';
import { candidatePath, renderCandidate } from './candidateView.ts';
import type { ConsoleDeps } from './deps.ts';
import { flash, staffOf } from './session.ts';

const REASON_MAX_LENGTH = 200;

/** One candidate: roster data, account, the suggested answer for their situation, the actions that apply, the timeline. */
export function candidatePageRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  function candidateOr404(no: string): CandidateRow {
    const c = store.candidates.findByCandidateNo(no);
    if (!c) throw new PortalError('NOT_FOUND', { status: 404 });
    return c;
  }

  router.get('/candidates/:candidateNo', (req, res) => {
    renderCandidate(deps, req, res, candidateOr404(req.params.candidateNo));
  });

  // Showing the full ID number, phone, email and codes is itself recorded, like any other look at personal data.
  router.post('/candidates/:candidateNo/reveal', (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const staff = staffOf(req);
    store.audit.record({ at: clock.now(), event: 'STAFF_REVEAL', outcome: 'ok', candidateId: c.id, candidateNo: c.candidate_no, actor: staff.username, params: { staffName: staff.displayName }, ip: req.ip ?? null });
    res.set('Cache-Control', 'no-store');
    renderCandidate(deps, req, res, c, { revealed: true });
  });

  router.post('/candidates/:candidateNo/actions/:action', async (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const action = req.params.action;
    if (!isAccountAction(action)) throw new PortalError('ACTION_UNKNOWN', { status: 404 });
    const body = req.body as Record<string, unknown>;
    const reason = formString(body, 'reason', REASON_MAX_LENGTH).trim();
    if (reason === '') return renderCandidate(deps, req, res, c, { status: 400, reasonError: true });
    // Without JavaScript too: an irreversible action first shows what it will do, with the reason kept.
    if (CONFIRMED_ACTIONS.includes(action) && formString(body, 'confirm', 5) !== '1') {
      return res.render('console/confirmAction', { c, action, reason, backTo: candidatePath(c.candidate_no) });
    }
    const staff = staffOf(req);
    const result = await runAccountAction(deps, c, action, { name: staff.username, displayName: staff.displayName, reason, ip: req.ip ?? null }, clock.now());
    flash(req, result.ok ? 'info' : 'error', result.code);
    res.redirect(303, candidatePath(c.candidate_no));
  });

  return router;
}
