import { Router, type Request } from 'express';
import { wizardRouter } from '../../wizard/router.ts';
import type { RecoveryServices, RecoveryState } from './state.ts';
import { recoverySteps } from './steps.ts';

export const RECOVERY_PATH = '/retrieve-password/passwordRetrieve';

export function recoveryRouter(services: RecoveryServices, deps: { now(): number; csrfToken(req: Request): string }) {
  const router = Router();
  // The image for the ltId the account form carries, as the real /retrieve-password/generateCaptcha.
  router.get('/retrieve-password/generateCaptcha', (req, res) => {
    const ltId = req.query.ltId;
    services.captchas.serve(res, typeof ltId === 'string' ? ltId : '');
  });
  router.use(wizardRouter<RecoveryState, RecoveryServices>({
    basePath: RECOVERY_PATH,
    sessionKey: 'recovery',
    indicatorLabel: 'RECOVERY_STEPPER_LABEL',
    steps: recoverySteps,
    start: (now) => ({ startedAt: now }),
    ttlMs: services.config.limits.recoverySessionTtlMs,
    expiredCode: 'RECOVERY_SESSION_EXPIRED',
    orderCode: 'RECOVERY_STEP_ORDER',
    isStale: (state, { store }) => state.candidateId !== undefined && store.candidates.findById(state.candidateId) === undefined,
    staleCode: 'RECOVERY_RESTART',
    services,
    ...deps,
  }));
  return router;
}
