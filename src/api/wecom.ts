import { Router } from 'express';
import { z } from 'zod';
import { PortalError } from '../web/errors.ts';
import { textOf } from '../web/texts.ts';
import type { WecomHelpdesk } from '../wecom/helpdesk.ts';
import type { Outcome } from '../wecom/journey.ts';
import { parseBody } from './schemas.ts';

const UID = /^[\w.@-]{1,64}$/;
const reason = z.string().trim().min(1).max(200);
const secondAuthBody = z.object({ required: z.boolean(), reason: reason.default('api') }).strict();
const phoneBody = z.object({ phone: z.string().max(50), reason }).strict();
const groupBody = z.object({ department: z.string().trim().min(1).max(100), name: z.string().trim().max(100).optional() }).strict();

/** The status codes each refusal of the WeCom app answers with. */
const STATUS_OF: Record<string, number> = { WECOM_MEMBER_UNKNOWN: 404, WECOM_PHONE_TAKEN: 409, WECOM_GROUP_EXISTS: 409, WECOM_NOT_ACTIVATED: 409, PHONE_FORMAT: 400, PHONE_REQUIRED: 400 };

function settle(outcome: Outcome, field?: string): void {
  if (outcome.ok) return;
  const fields = field ? { [field]: { code: outcome.code, message: textOf(outcome.code) } } : undefined;
  throw new PortalError(outcome.code, { status: STATUS_OF[outcome.code] ?? 409, fields });
}

/**
 * /api/v1/wecom: the help desk's view of and actions on the WeCom app (src/wecom/helpdesk.ts), recorded in the
 * member's WeCom timeline with actor "api". Members are keyed by their CAS uid (the 考生号 for candidates).
 */
export function wecomApi(deps: { wecom: WecomHelpdesk }) {
  const { wecom } = deps;
  const router = Router();
  const api = { name: 'api' };

  router.param('uid', (_req, _res, next, uid: string) => next(UID.test(uid) ? undefined : new PortalError('NOT_FOUND', { status: 404 })));

  router.get('/wecom/members/:uid', (req, res) => {
    res.json({ uid: req.params.uid, ...wecom.statusOf(req.params.uid) });
  });

  router.get('/wecom/members/:uid/events', (req, res) => {
    res.json(wecom.timelineOf(req.params.uid));
  });

  router.put('/wecom/members/:uid/second-auth', (req, res) => {
    const body = parseBody(secondAuthBody, req.body);
    settle(wecom.setSecondAuth(req.params.uid, body.required, { ...api, reason: body.reason }));
    res.json({ uid: req.params.uid, ...wecom.statusOf(req.params.uid) });
  });

  // 情况三: the old number is unusable; only the help desk changes it, with a reason.
  router.post('/wecom/members/:uid/phone', (req, res) => {
    const body = parseBody(phoneBody, req.body);
    settle(wecom.changePhone(req.params.uid, body.phone, { ...api, reason: body.reason }), 'phone');
    res.json({ uid: req.params.uid, ...wecom.statusOf(req.params.uid) });
  });

  router.put('/wecom/members/:uid/faults/auth_notice_lost', (req, res) => {
    wecom.setAuthNoticeLost(req.params.uid, true, api);
    res.json({ uid: req.params.uid, ...wecom.statusOf(req.params.uid) });
  });

  router.delete('/wecom/members/:uid/faults/auth_notice_lost', (req, res) => {
    wecom.setAuthNoticeLost(req.params.uid, false, api);
    res.json({ uid: req.params.uid, ...wecom.statusOf(req.params.uid) });
  });

  router.get('/wecom/groups', (_req, res) => {
    res.json(wecom.groups());
  });

  router.post('/wecom/groups', (req, res) => {
    const body = parseBody(groupBody, req.body);
    settle(wecom.createGroup(body.department, body.name, api));
    res.status(201).json(wecom.groups().find((g) => g.department === body.department));
  });

  return router;
}
