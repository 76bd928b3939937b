import { Router, type Request } from 'express';
import type { AuditEvent } from '../data/auditEvents.ts';
import { maskPhone } from '../rules/phone.ts';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import type { Outcome } from '../wecom/journey.ts';
import { candidatePath, renderCandidate } from './candidateView.ts';
import type { ConsoleDeps } from './deps.ts';
import { flash, staffOf } from './session.ts';
import { isWecomAction, type WecomAction } from './wecomCard.ts';

const REASON_MAX_LENGTH = 200;

const ACTION_EVENT: Record<WecomAction, AuditEvent> = {
  'second-auth-on': 'STAFF_WECOM_SECOND_AUTH',
  'second-auth-off': 'STAFF_WECOM_SECOND_AUTH',
  'change-phone': 'STAFF_WECOM_PHONE',
  'notice-lost-on': 'STAFF_WECOM_FAULT',
  'notice-lost-off': 'STAFF_WECOM_FAULT',
};

/** The help desk's actions in the WeCom app, each with a reason and recorded like every staff action. */
export function wecomRoutes(deps: ConsoleDeps) {
  const { store, clock, wecom } = deps;
  const router = Router();

  function run(action: WecomAction, uid: string, form: Record<string, unknown>, actor: { name: string; reason: string }): Outcome {
    switch (action) {
      case 'second-auth-on':
      case 'second-auth-off':
        return wecom.setSecondAuth(uid, action === 'second-auth-on', actor);
      case 'change-phone':
        return wecom.changePhone(uid, formString(form, 'phone', 50), actor);
      case 'notice-lost-on':
      case 'notice-lost-off':
        wecom.setAuthNoticeLost(uid, action === 'notice-lost-on', actor);
        return { ok: true };
    }
  }

  router.post('/candidates/:candidateNo/wecom/:action', (req: Request, res) => {
    const c = store.candidates.findByCandidateNo(String(req.params.candidateNo));
    if (!c) throw new PortalError('NOT_FOUND', { status: 404 });
    const action = String(req.params.action);
    if (!isWecomAction(action)) throw new PortalError('ACTION_UNKNOWN', { status: 404 });
    const staff = staffOf(req);
    if (action.startsWith('notice-lost') && staff.role !== 'admin') throw new PortalError('CONSOLE_FORBIDDEN', { status: 403 });
    const form = req.body as Record<string, unknown>;
    const reason = formString(form, 'reason', REASON_MAX_LENGTH).trim();
    const phone = formString(form, 'phone', 50);
    // A missing reason changes nothing and keeps what was typed, like the account actions.
    if (reason === '') return renderCandidate(deps, req, res, c, { status: 400, wecomError: { code: 'ACTION_REASON_REQUIRED', phone, reason } });
    const outcome = run(action, c.candidate_no, form, { name: staff.username, reason });
    const bound = wecom.statusOf(c.candidate_no).phone;
    store.audit.record({
      at: clock.now(), event: ACTION_EVENT[action], outcome: outcome.ok ? 'ok' : 'error', code: outcome.ok ? null : outcome.code,
      candidateId: c.id, candidateNo: c.candidate_no, actor: staff.username, ip: req.ip ?? null,
      params: { staffName: staff.displayName, reason, action, ...(action === 'change-phone' && outcome.ok && bound ? { masked: maskPhone(bound) } : {}) },
    });
    if (!outcome.ok) return renderCandidate(deps, req, res, c, { status: 400, wecomError: { code: outcome.code, phone, reason } });
    flash(req, 'info', `WECOM_DONE_${action}`);
    res.redirect(303, `${candidatePath(c.candidate_no)}#wecom`);
  });

  return router;
}
