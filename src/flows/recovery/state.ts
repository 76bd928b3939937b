import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { CandidateRow } from '../../data/candidates.ts';
import type { AuditEvent } from '../../data/auditEvents.ts';
import type { Store } from '../../data/store.ts';
import type { SingleLogout } from '../../messaging/singleLogout.ts';
import type { VerificationCodes } from '../../messaging/verificationCodes.ts';
import type { Captchas } from '../../web/captcha.ts';
import type { Limiter } from '../../web/limiter.ts';
import type { Step, StepContext } from '../../wizard/step.ts';

export type RecoveryMethod = 'cellphone' | 'email';

/** The one small object the session holds for a password recovery in progress. */
export interface RecoveryState {
  startedAt: number;
  candidateId?: number;
  method?: RecoveryMethod;
  verified?: true;
  resetAt?: number;
}

export interface RecoveryServices {
  config: Config;
  store: Store;
  codes: VerificationCodes;
  limiter: Limiter;
  log: Logger;
  singleLogout: SingleLogout;
  captchas: Captchas;
  captchaEnabled(): boolean;
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string | undefined, password: string): Promise<boolean>;
}

export type RecoveryStep<I = any> = Step<RecoveryState, RecoveryServices, I>;
export type RecoveryContext = StepContext<RecoveryState, RecoveryServices>;

export function candidateOf(ctx: RecoveryContext): CandidateRow {
  return ctx.services.store.candidates.findById(ctx.state.candidateId!)!;
}

/** Records a recovery attempt in the audit log; every step reports success and failure with a code. */
export function auditRecovery(
  ctx: RecoveryContext,
  event: AuditEvent,
  outcome: 'ok' | 'error',
  extra: { code?: string; params?: Record<string, unknown>; candidateId?: number | null; candidateNo?: string | null } = {},
): void {
  const candidateId = extra.candidateId ?? ctx.state.candidateId ?? null;
  ctx.services.store.audit.record({
    at: ctx.now,
    event,
    outcome,
    candidateId,
    candidateNo: extra.candidateNo ?? (candidateId ? ctx.services.store.candidates.findById(candidateId)?.candidate_no ?? null : null),
    code: extra.code ?? null,
    params: extra.params ?? null,
    ip: ctx.ip,
  });
}
