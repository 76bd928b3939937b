import { Router } from 'express';
import type { Clock } from '../clock.ts';
import { seedDemoRoster } from '../data/demoRoster.ts';
import { seedDemoServices } from '../data/demoServices.ts';
import { compileServicePattern } from '../rules/serviceUrl.ts';
import type { Store } from '../data/store.ts';
import type { SingleLogout } from '../messaging/singleLogout.ts';

/**
 * POST /api/v1/reset: back to the demo roster with nothing sent, logged or locked; demo services that were
 * removed are registered again (other services and the run-time settings stay). Every SSO session ends, so
 * its services are told by single logout first, as for any other end of a session.
 */
export function resetApi(deps: { store: Store; clock: Clock; singleLogout: SingleLogout }) {
  const { store, clock } = deps;
  const router = Router();
  router.post('/reset', async (_req, res) => {
    const now = clock.now();
    const { candidates, services, owed } = store.transaction(() => {
      // Claimed before the tickets are deleted with everything else.
      const owed = store.tickets.claimLogoutTargets(store.ssoSessions.endEveryOpen(now), now);
      store.demoReset.clearTrainingData();
      return { owed, candidates: seedDemoRoster(store, now), services: seedDemoServices(store, now, (pattern) => compileServicePattern(pattern).ok) };
    });
    await deps.singleLogout.deliver(owed);
    res.json({ candidates, services });
  });
  return router;
}
