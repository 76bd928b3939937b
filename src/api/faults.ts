import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Fault } from '../data/faults.ts';
import type { Store } from '../data/store.ts';
import { FAULT_KINDS, switchAllFaultsOff, switchFaultOff, switchFaultOn, type FaultKind } from '../roster/trainingFaults.ts';
import { PortalError } from '../web/errors.ts';
import { textOf } from '../web/texts.ts';
import { parseBody } from './schemas.ts';

const onBody = z.object({
  target: z.string().max(50).optional(),
  seconds: z.number().int().optional(),
  accountType: z.enum(['student', 'staff']).optional(),
}).strict();
const offQuery = z.object({ target: z.string().max(50).default('') });

function faultJson(f: Fault) {
  return { kind: f.kind, target: f.target || null, params: f.params, createdBy: f.createdBy, createdAt: new Date(f.createdAt).toISOString() };
}

function kindOf(raw: string): FaultKind {
  if (!(FAULT_KINDS as readonly string[]).includes(raw)) throw new PortalError('FAULT_KIND_UNKNOWN', { status: 404 });
  return raw as FaultKind;
}

/** /api/v1/faults: training faults on and off, as the console's 训练故障 page does. */
export function faultsApi(deps: { store: Store; clock: Clock; institutionCode: string }) {
  const { store, clock } = deps;
  const router = Router();

  router.get('/faults', (_req, res) => {
    res.json(store.faults.active().map(faultJson));
  });

  router.put('/faults/:kind', (req, res) => {
    const kind = kindOf(req.params.kind);
    const body = parseBody(onBody, req.body ?? {});
    const verdict = switchFaultOn(store, { kind, ...body }, 'api', clock.now(), deps.institutionCode);
    if (!verdict.ok) {
      const status = verdict.code === 'FAULT_CANDIDATE_UNKNOWN' ? 404 : 400;
      throw new PortalError('VALIDATION_FAILED', { status, fields: { [verdict.field]: { code: verdict.code, message: textOf(verdict.code, { institutionCode: deps.institutionCode }) } } });
    }
    res.json(faultJson(verdict.fault));
  });

  router.delete('/faults/:kind', (req, res) => {
    const kind = kindOf(req.params.kind);
    const { target } = parseBody(offQuery, req.query);
    if (!switchFaultOff(store, kind, target, 'api', clock.now())) throw new PortalError('FAULT_NOT_ON', { status: 404 });
    res.status(204).end();
  });

  router.delete('/faults', (_req, res) => {
    res.json({ switchedOff: switchAllFaultsOff(store, 'api', clock.now()) });
  });

  return router;
}
