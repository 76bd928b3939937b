import { Router, type Response } from 'express';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import type { ConsoleDeps } from './deps.ts';
import { helpScripts, SCRIPT_PLACEHOLDERS } from './helpScripts.ts';
import { CONSOLE_PATH, flash, requireAdmin, staffOf } from './session.ts';
import { isSituation } from './situations.ts';

const SCRIPT_MAX_LENGTH = 1000;

/** 话术: every situation's suggested answer; admins rewrite them or restore the guide's wording. */
export function scriptRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  const render = (res: Response, status = 200, error?: { situation: string; body: string }) =>
    res.status(status).render('console/scripts', { scripts: helpScripts(store), placeholders: SCRIPT_PLACEHOLDERS, error });

  router.get('/scripts', (_req, res) => render(res));

  router.post('/scripts/:situation', requireAdmin, (req, res) => {
    const situation = String(req.params.situation);
    if (!isSituation(situation)) throw new PortalError('NOT_FOUND', { status: 404 });
    const form = req.body as Record<string, unknown>;
    const restore = formString(form, 'restore', 1) === '1';
    const body = formString(form, 'body', SCRIPT_MAX_LENGTH + 1).trim();
    if (!restore && (body === '' || [...body].length > SCRIPT_MAX_LENGTH)) return render(res, 400, { situation, body });
    const staff = staffOf(req);
    store.transaction(() => {
      if (restore) store.helpScripts.restoreDefault(situation);
      else store.helpScripts.save({ situation, body, by: staff.username, now: clock.now() });
      store.audit.record({ at: clock.now(), event: 'STAFF_SCRIPT_UPDATED', outcome: 'ok', actor: staff.username, params: { staffName: staff.displayName, situation, restored: restore }, ip: req.ip ?? null });
    });
    flash(req, 'info', restore ? 'SCRIPT_RESTORED' : 'SCRIPT_SAVED');
    res.redirect(303, `${CONSOLE_PATH}/scripts#${situation}`);
  });

  return router;
}
