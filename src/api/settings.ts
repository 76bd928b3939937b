import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { RuntimeSettings } from '../data/settings.ts';
import type { Store } from '../data/store.ts';
import { PortalError } from '../web/errors.ts';
import { parseBody } from './schemas.ts';

const settingsSchema = z.object({ captcha: z.boolean().optional() }).strict();

/** /api/v1/settings: run-time switches for test automation, such as image captchas off. */
export function settingsApi(deps: { store: Store; clock: Clock; settingsDefaults: RuntimeSettings }) {
  const { store, clock, settingsDefaults } = deps;
  const router = Router();
  router.get('/settings', (_req, res) => {
    res.json(store.settings.current(settingsDefaults));
  });
  router.put('/settings', (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const changes = parseBody(settingsSchema, req.body);
    store.transaction(() => {
      store.settings.update(changes);
      store.audit.record({ at: clock.now(), event: 'SETTINGS_CHANGED', outcome: 'ok', actor: 'api', params: changes });
    });
    res.json(store.settings.current(settingsDefaults));
  });
  return router;
}
