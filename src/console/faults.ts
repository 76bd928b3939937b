import { Router } from 'express';
import { FAULT_KINDS, switchAllFaultsOff, switchFaultOff, switchFaultOn, type FaultKind } from '../roster/trainingFaults.ts';
import { formString } from '../web/forms.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime, describeFault } from './format.ts';
import { CONSOLE_PATH, flash, staffOf } from './session.ts';

const FAULTS_PATH = `${CONSOLE_PATH}/faults`;
const TARGETED_KINDS: readonly FaultKind[] = ['phone_daily_cap', 'not_a_candidate'];

/** 训练故障 (admins): switch exercise faults on and off; while any is on, every console page shows a banner. */
export function faultRoutes(deps: ConsoleDeps) {
  const { store, clock, config } = deps;
  const router = Router();

  const render = (res: import('express').Response, status = 200, error?: { kind: string; field: string; code: string }, values: Record<string, string> = {}) =>
    res.status(status).render('console/faults', {
      kinds: FAULT_KINDS,
      active: store.faults.active().map((f) => ({ ...f, text: describeFault(f), since: beijingTime(f.createdAt) })),
      // A fault without a target is either on or off: its card offers 关闭 instead of 开启 while it is on.
      targeted: TARGETED_KINDS,
      error,
      values,
    });

  router.get('/faults', (_req, res) => render(res));

  router.post('/faults/on', (req, res) => {
    const body = req.body as Record<string, unknown>;
    const request = {
      kind: formString(body, 'kind', 40),
      target: formString(body, 'target', 50),
      seconds: formString(body, 'seconds', 10),
      accountType: formString(body, 'accountType', 20) || undefined,
    };
    const verdict = switchFaultOn(store, request, staffOf(req).username, clock.now(), config.university.institutionCode);
    if (!verdict.ok) return render(res, 400, { kind: request.kind, field: verdict.field, code: verdict.code }, { target: request.target, seconds: request.seconds });
    flash(req, 'info', 'FAULT_SWITCHED_ON');
    res.redirect(303, FAULTS_PATH);
  });

  router.post('/faults/off', (req, res) => {
    const body = req.body as Record<string, unknown>;
    const kind = formString(body, 'kind', 40);
    const target = formString(body, 'target', 50);
    const known = (FAULT_KINDS as readonly string[]).includes(kind);
    const off = known && switchFaultOff(store, kind as FaultKind, target, staffOf(req).username, clock.now());
    flash(req, off ? 'info' : 'error', off ? 'FAULT_SWITCHED_OFF' : 'FAULT_NOT_ON');
    res.redirect(303, FAULTS_PATH);
  });

  router.post('/faults/all-off', (req, res) => {
    switchAllFaultsOff(store, staffOf(req).username, clock.now());
    flash(req, 'info', 'FAULT_SWITCHED_OFF');
    res.redirect(303, FAULTS_PATH);
  });

  return router;
}
