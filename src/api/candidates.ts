import { Router } from 'express';
import type { Clock } from '../clock.ts';
import { UniqueViolation, type CandidateRow } from '../data/candidates.ts';
import type { Store } from '../data/store.ts';
import { PortalError } from '../web/errors.ts';
import { newCandidateSchema, parseBody } from './schemas.ts';

export function candidateJson(c: CandidateRow, store: Store, now: number) {
  const locked = store.throttle.lockedUntil('identity', c.candidate_no, now) !== undefined
    || store.throttle.lockedUntil('login', c.candidate_no, now) !== undefined;
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

/** /api/v1/candidates: create and read roster entries. */
export function candidatesApi(deps: { store: Store; clock: Clock; institutionCode: string }) {
  const { store, clock, institutionCode } = deps;
  const router = Router();
  const candidateSchema = newCandidateSchema(institutionCode, () => new Date(clock.now()));

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
    const row = store.candidates.findByCandidateNo(req.params.candidateNo);
    if (!row) throw new PortalError('NOT_FOUND', { status: 404 });
    res.json(candidateJson(row, store, clock.now()));
  });

  return router;
}
