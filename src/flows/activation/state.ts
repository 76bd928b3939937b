import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { AuditEvent } from '../../data/auditEvents.ts';
import type { Store } from '../../data/store.ts';
import type { VerificationCodes } from '../../messaging/verificationCodes.ts';
import type { Captchas } from '../../web/captcha.ts';
import type { Limiter } from '../../web/limiter.ts';
import type { Step, StepContext } from '../../wizard/step.ts';

/** The one small object the session holds for an activation in progress. */
export interface ActivationState {
  startedAt: number;
  agreed?: true;
  candidateId?: number;
  pendingPhone?: string;
  phone?: string;
  pendingEmail?: string;
  email?: string;
  activatedAt?: number;
}

export interface ActivationServices {
  config: Config;
  store: Store;
  codes: VerificationCodes;
  limiter: Limiter;
  captchas: Captchas;
  captchaEnabled(): boolean;
  log: Logger;
  hashPassword(password: string): Promise<string>;
}

export type ActivationStep<I = any> = Step<ActivationState, ActivationServices, I>;
export type ActivationContext = StepContext<ActivationState, ActivationServices>;

/** Records an activation attempt in the audit log; every step reports success and failure with a code. */
export function auditActivation(
  ctx: ActivationContext,
  event: AuditEvent,
  outcome: 'ok' | 'error',
  extra: { code?: string; params?: Record<string, unknown>; candidateId?: number | null; candidateNo?: string | null } = {},
): void {
  ctx.services.store.audit.record({
    at: ctx.now,
    event,
    outcome,
    candidateId: extra.candidateId ?? ctx.state.candidateId ?? null,
    candidateNo: extra.candidateNo ?? null,
    code: extra.code ?? null,
    params: extra.params ?? null,
    ip: ctx.ip,
  });
}
