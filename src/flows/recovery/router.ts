import { Router, type Request } from 'express';
import { textOf } from '../../web/texts.ts';
import { wizardRouter } from '../../web/wizard.ts';
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
    indicatorLabels: [1, 2, 3, 4].map((n) => textOf(`RECOVERY_STEP_${n}`)),
    steps: recoverySteps,
    start: (now) => ({ startedAt: now }),
    ttlMs: services.config.limits.recoverySessionTtlMs,
    expiredCode: 'RECOVERY_SESSION_EXPIRED',
    services,
    ...deps,
  }));
  return router;
}
