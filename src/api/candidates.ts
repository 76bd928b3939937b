import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { UniqueViolation, type CandidateRow } from '../data/candidates.ts';
import type { StatusFilter } from '../data/roster.ts';
import type { Store } from '../data/store.ts';
import type { SingleLogout } from '../messaging/singleLogout.ts';
import { ACCOUNT_ACTIONS, isAccountAction, runAccountAction } from '../roster/accountActions.ts';
import { checkRosterRow } from '../roster/rosterRow.ts';
import { isAccountLock } from '../rules/attemptLimits.ts';
import { PortalError } from '../web/errors.ts';
import { textOf } from '../web/texts.ts';
import type { WecomHelpdesk } from '../wecom/helpdesk.ts';
import { newCandidateSchema, parseBody } from './schemas.ts';

export function candidateJson(c: CandidateRow, store: Store, now: number) {
  const locked = store.attempts.locksOf(c.candidate_no, now).some((l) => isAccountLock(l.kind));
  return {
    candidateNo: c.candidate_no,
    name: c.name,
    idType: c.id_type,
    idNumber: c.id_number,
    department: c.department,
    major: c.major,
    accountType: c.account_type,
    status: locked ? 'locked' : c.status,
    phone: c.phone,
    email: c.email,
    activatedAt: c.activated_at === null ? null : new Date(c.activated_at).toISOString(),
  };
}

const listQuery = z.object({
  q: z.string().max(100).default(''),
  status: z.enum(['pending', 'active', 'locked']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const updateSchema = z.object({
  name: z.string().max(50),
  idType: z.string().max(50),
  idNumber: z.string().max(50),
  department: z.string().max(100).nullable(),
  major: z.string().max(100).nullable(),
  accountType: z.enum(['candidate', 'student', 'staff']),
}).partial().strict();

const actionBody = z.object({ reason: z.string().trim().min(1).max(200).default('api') }).strict();

/** /api/v1/candidates: the roster — list, create, read, update, delete, reset, staff actions. */
export function candidatesApi(deps: { store: Store; clock: Clock; singleLogout: SingleLogout; institutionCode: string; wecom: WecomHelpdesk }) {
  const { store, clock, institutionCode } = deps;
  const router = Router();
  const candidateSchema = newCandidateSchema(institutionCode, () => new Date(clock.now()));

  function candidateOr404(candidateNo: string): CandidateRow {
    const row = store.candidates.findByCandidateNo(candidateNo);
    if (!row) throw new PortalError('NOT_FOUND', { status: 404 });
    return row;
  }

  router.get('/candidates', (req, res) => {
    const query = parseBody(listQuery, req.query);
    const now = clock.now();
    const { rows, total } = store.roster.search({ q: query.q.trim(), status: (query.status ?? '') as StatusFilter, limit: query.limit, offset: query.offset, now });
    res.json({ total, items: rows.map((r) => candidateJson(r, store, now)) });
  });

  router.post('/candidates', (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const input = parseBody(candidateSchema, req.body, { institutionCode });
    try {
      const row = store.transaction(() => {
        const inserted = store.candidates.insert(input, clock.now());
        store.audit.record({ at: clock.now(), event: 'CANDIDATE_CREATED', outcome: 'ok', candidateId: inserted.id, candidateNo: inserted.candidate_no, actor: 'api' });
        return inserted;
      });
      res.status(201).json(candidateJson(row, store, clock.now()));
    } catch (err) {
      if (err instanceof UniqueViolation) throw new PortalError('ALREADY_EXISTS', { status: 409 });
      throw err;
    }
  });

  router.get('/candidates/:candidateNo', (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    // The WeCom app's progress, from the app itself (its member uid is the 考生号 the CAS server releases).
    const { status, phone, followedAt, verifiedAt, groupedAt } = deps.wecom.statusOf(c.candidate_no);
    res.json({ ...candidateJson(c, store, clock.now()), wecom: { status, phone, followedAt, verifiedAt, groupedAt } });
  });

  // Roster fields only, checked with the import's rules; credentials are never changed here.
  router.patch('/candidates/:candidateNo', (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const c = candidateOr404(req.params.candidateNo);
    const patch = parseBody(updateSchema, req.body);
    const merged = {
      candidateNo: c.candidate_no, name: patch.name ?? c.name, idType: patch.idType ?? c.id_type, idNumber: patch.idNumber ?? c.id_number,
      department: (patch.department === undefined ? c.department : patch.department) ?? '',
      major: (patch.major === undefined ? c.major : patch.major) ?? '', accountType: patch.accountType ?? c.account_type,
    };
    const checked = checkRosterRow(1, merged, { institutionCode, today: new Date(clock.now()) });
    if (!checked.ok) {
      const fields = Object.fromEntries(checked.errors.map((e) => [e.field ?? '_body', { code: e.code, message: e.message }]));
      throw new PortalError('VALIDATION_FAILED', { status: 400, fields });
    }
    const v = checked.value;
    const now = clock.now();
    store.transaction(() => {
      store.roster.update(c.candidate_no, { name: v.name, idType: v.idType, idNumber: v.idNumber, department: v.department ?? null, major: v.major ?? null, accountType: v.accountType ?? 'candidate' }, now);
      store.audit.record({ at: now, event: 'CANDIDATE_UPDATED', outcome: 'ok', candidateId: c.id, candidateNo: c.candidate_no, actor: 'api', params: { fields: Object.keys(patch).join(',') } });
    });
    res.json(candidateJson(store.candidates.findById(c.id)!, store, now));
  });

  router.delete('/candidates/:candidateNo', async (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const now = clock.now();
    const owed = store.transaction(() => {
      // Deleting the account deletes its SSO sessions and tickets: what they owe their services is claimed first.
      const targets = store.tickets.claimLogoutTargets(store.ssoSessions.endAllForCandidate(c.id, now), now);
      store.roster.remove(c.id);
      store.audit.record({ at: now, event: 'CANDIDATE_DELETED', outcome: 'ok', candidateNo: c.candidate_no, actor: 'api' });
      return targets;
    });
    await deps.singleLogout.deliver(owed);
    res.status(204).end();
  });

  /** Back to a fresh pending account: credentials cleared, SSO sessions ended, locks lifted. */
  router.post('/candidates/:candidateNo/reset', async (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const { reason } = parseBody(actionBody, req.body ?? {});
    const now = clock.now();
    if (c.status === 'active') await runAccountAction(deps, c, 'reset-activation', { name: 'api', reason }, now);
    if (store.attempts.locksOf(c.candidate_no, now).some((l) => isAccountLock(l.kind))) await runAccountAction(deps, c, 'unlock', { name: 'api', reason }, now);
    res.json(candidateJson(store.candidates.findById(c.id)!, store, now));
  });

  router.post('/candidates/:candidateNo/actions/:action', async (req, res) => {
    const c = candidateOr404(req.params.candidateNo);
    const action = req.params.action;
    if (!isAccountAction(action)) {
      throw new PortalError('ACTION_UNKNOWN', { status: 404, fields: { action: { code: 'ACTION_UNKNOWN', message: ACCOUNT_ACTIONS.join(', ') } } });
    }
    const { reason } = parseBody(actionBody, req.body ?? {});
    const now = clock.now();
    const result = await runAccountAction(deps, c, action, { name: 'api', reason }, now);
    res.status(result.ok ? 200 : 409).json({
      code: result.code, message: textOf(result.code), candidate: candidateJson(store.candidates.findById(c.id)!, store, now),
    });
  });

  return router;
}
