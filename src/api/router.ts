import express, { Router } from 'express';
import type { Clock } from '../clock.ts';
import type { RuntimeSettings } from '../data/settings.ts';
import type { Store } from '../data/store.ts';
import { PortalError } from '../web/errors.ts';
import { requireBearer } from './auth.ts';
import { candidatesApi } from './candidates.ts';
import { messagesApi } from './messages.ts';
import { servicesApi } from './services.ts';
import { settingsApi } from './settings.ts';

/** The test-automation API: JSON only, bearer token, no session and no CSRF. One router per resource. */
export function apiRouter(deps: { store: Store; clock: Clock; apiToken: string; institutionCode: string; settingsDefaults: RuntimeSettings }) {
  const router = Router();
  router.use(requireBearer(deps.apiToken));
  router.use(express.json({ limit: '100kb', strict: true }));
  router.use(candidatesApi(deps));
  router.use(messagesApi(deps));
  router.use(servicesApi(deps));
  router.use(settingsApi(deps));
  router.use(() => {
    throw new PortalError('NOT_FOUND', { status: 404 });
  });
  return router;
}
