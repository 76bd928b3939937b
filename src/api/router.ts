import express, { Router } from 'express';
import type { Clock } from '../clock.ts';
import type { RuntimeSettings } from '../data/settings.ts';
import type { Store } from '../data/store.ts';
import type { SingleLogout } from '../messaging/singleLogout.ts';
import { PortalError } from '../web/errors.ts';
import { requireBearer } from './auth.ts';
import { candidatesApi } from './candidates.ts';
import { faultsApi } from './faults.ts';
import { messagesApi } from './messages.ts';
import { servicesApi } from './services.ts';
import { settingsApi } from './settings.ts';
import { docsApi } from './openapi.ts';
import { resetApi } from './reset.ts';
import { rosterApi } from './roster.ts';
import { activateApi } from './activate.ts';
import { wecomApi } from './wecom.ts';
import type { Config } from '../config.ts';
import type { WecomHelpdesk } from '../wecom/helpdesk.ts';

/** The test-automation API: JSON only, bearer token, no session and no CSRF. One router per resource. */
export function apiRouter(deps: {
  store: Store; clock: Clock; singleLogout: SingleLogout; apiToken: string; institutionCode: string; settingsDefaults: RuntimeSettings;
  config: Config; hashPassword(password: string): Promise<string>; wecom: WecomHelpdesk;
}) {
  const router = Router();
  router.use(docsApi());
  router.use(requireBearer(deps.apiToken));
  // The roster import parses its own, larger JSON bodies, so it comes before the shared parser.
  router.use(rosterApi(deps));
  router.use(express.json({ limit: '100kb', strict: true }));
  router.use(candidatesApi(deps));
  router.use(activateApi(deps));
  router.use(wecomApi(deps));
  router.use(messagesApi(deps));
  router.use(servicesApi(deps));
  router.use(settingsApi(deps));
  router.use(faultsApi(deps));
  router.use(resetApi(deps));
  router.use(() => {
    throw new PortalError('NOT_FOUND', { status: 404 });
  });
  return router;
}
