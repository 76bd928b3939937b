import { Router } from 'express';
import type { Clock } from '../clock.ts';
import { seedDemoRoster } from '../data/demoRoster.ts';
import type { Store } from '../data/store.ts';

/** POST /api/v1/reset: back to the demo roster with nothing sent, logged or locked. */
export function resetApi(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  const router = Router();
  router.post('/reset', (_req, res) => {
    const candidates = store.transaction(() => {
      store.demoReset.clearTrainingData();
      return seedDemoRoster(store, clock.now());
    });
    res.json({ candidates });
  });
  return router;
}
