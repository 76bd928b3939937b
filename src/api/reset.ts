import { Router } from 'express';
import type { Clock } from '../clock.ts';
import { seedDemoRoster } from '../data/demoRoster.ts';
import { seedDemoServices } from '../data/demoServices.ts';
import { compileServicePattern } from '../rules/serviceUrl.ts';
import type { Store } from '../data/store.ts';

/**
 * POST /api/v1/reset: back to the demo roster with nothing sent, logged or locked; demo services that were
 * removed are registered again (other services and the run-time settings stay).
 */
export function resetApi(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  const router = Router();
  router.post('/reset', (_req, res) => {
    const { candidates, services } = store.transaction(() => {
      store.demoReset.clearTrainingData();
      return { candidates: seedDemoRoster(store, clock.now()), services: seedDemoServices(store, clock.now(), (pattern) => compileServicePattern(pattern).ok) };
    });
    res.json({ candidates, services });
  });
  return router;
}
