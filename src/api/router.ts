import express, { Router } from 'express';
import type { Clock } from '../clock.ts';
import type { CandidateRow } from '../data/candidates.ts';
import { UniqueViolation } from '../data/candidates.ts';
import type { OutboxRow } from '../data/outbox.ts';
import type { Store } from '../data/store.ts';
import { PortalError } from '../web/errors.ts';
import { requireBearer } from './auth.ts';
import { newCandidateSchema, parseBody } from './schemas.ts';

const CODE_IN_MESSAGE = /验证码为[：:]?\s*(\d{4,8})/;

export function candidateJson(c: CandidateRow, store: Store, now: number) {
  const locked = store.throttle.lockedUntil('identity', c.candidate_no, now) !== undefined;
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

export function messageJson(m: OutboxRow) {
  return {
    id: m.id,
    channel: m.channel,
    to: m.recipient,
    subject: m.subject,
    text: m.text,
    code: CODE_IN_MESSAGE.exec(m.text)?.[1] ?? null,
    delivery: m.delivery,
    createdAt: new Date(m.created_at).toISOString(),
  };
}

/** The test-automation API: JSON only, bearer token, no session and no CSRF. */
export function apiRouter(deps: { store: Store; clock: Clock; apiToken: string; institutionCode: string }) {
  const { store, clock } = deps;
  const router = Router();
  router.use(requireBearer(deps.apiToken));
  router.use(express.json({ limit: '100kb', strict: true }));
  const candidateSchema = newCandidateSchema(deps.institutionCode, () => new Date(clock.now()));

  router.post('/candidates', (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const input = parseBody(candidateSchema, req.body, { institutionCode: deps.institutionCode });
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
    const row = store.candidates.findByCandidateNo(req.params.candidateNo);
    if (!row) throw new PortalError('NOT_FOUND', { status: 404 });
    res.json(candidateJson(row, store, clock.now()));
  });

  router.get('/messages', (req, res) => {
    const to = req.query.to;
    if (typeof to !== 'string' || to === '' || to.length > 254) {
      throw new PortalError('VALIDATION_FAILED', { status: 400, fields: { to: { code: 'REQUIRED', message: 'to is required' } } });
    }
    res.json(store.outbox.listTo(to).map(messageJson));
  });

  router.use(() => {
    throw new PortalError('NOT_FOUND', { status: 404 });
  });
  return router;
}
