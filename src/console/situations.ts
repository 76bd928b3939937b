import type { AuditRow } from '../data/audit.ts';
import type { AuditEvent } from '../data/auditEvents.ts';
import type { CandidateRow } from '../data/candidates.ts';
import type { OutboxRow } from '../data/outbox.ts';
import type { WecomStatus } from '../wecom/status.ts';

/** The situations a caller can be in, most specific first; each has a suggested answer (话术). */
export const SITUATIONS = [
  'not_a_candidate', 'locked', 'mismatch', 'no_code', 'must_reset',
  'wecom_no_auth_notice', 'wecom_follow', 'wecom_not_started', 'wecom_waiting_group', 'wecom_grouped',
  'activated', 'in_progress', 'not_started',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export function isSituation(x: string): x is Situation {
  return (SITUATIONS as readonly string[]).includes(x);
}

export interface CandidateFacts {
  candidate: CandidateRow;
  locked: boolean;
  /** Oldest first. */
  audit: AuditRow[];
  messages: OutboxRow[];
  now: number;
  /** The member's status in the WeCom app (none when never seen there). */
  wecom: WecomStatus;
}

/** When each event last happened (with that outcome), 0 if never. */
function lastAt(audit: AuditRow[], events: AuditEvent[], outcome?: 'ok' | 'error'): number {
  let at = 0;
  for (const row of audit) if ((events as string[]).includes(row.event) && (!outcome || row.outcome === outcome)) at = Math.max(at, row.at);
  return at;
}

/** A code asked for and never used since, or a message that failed or has not arrived: "I got no code". */
function waitingForCode(f: CandidateFacts): boolean {
  const channels: [AuditEvent, AuditEvent][] = [['PHONE_CODE_SENT', 'PHONE_BIND'], ['EMAIL_CODE_SENT', 'EMAIL_BIND'], ['RECOVERY_CODE_SENT', 'RECOVERY_VERIFY'], ['LOGIN_CODE_SENT', 'LOGIN']];
  const lastUsed = lastAt(f.audit, channels.map(([, used]) => used), 'ok');
  if (f.messages.some((m) => (m.delivery === 'failed' || m.created_at > f.now) && m.created_at >= lastUsed)) return true;
  return channels.some(([sent, used]) => {
    const asked = lastAt(f.audit, [sent]);
    return asked > 0 && asked >= lastAt(f.audit, [used], 'ok');
  });
}

/** The latest identity check was refused as a mismatch. */
function identityMismatch(audit: AuditRow[]): boolean {
  const checks = audit.filter((r) => r.event === 'IDENTITY_CHECK');
  return checks.at(-1)?.code === 'IDENTITY_MISMATCH';
}

/** Every situation that applies to the candidate now, most specific first. */
export function situationsOf(f: CandidateFacts): Situation[] {
  const c = f.candidate;
  const pending = c.status === 'pending';
  const applies: Record<Situation, boolean> = {
    not_a_candidate: c.account_type !== 'candidate',
    locked: f.locked,
    mismatch: pending && identityMismatch(f.audit),
    no_code: waitingForCode(f),
    must_reset: c.status === 'active' && c.must_reset_password === 1,
    // The guide's 附件二 and its FAQ, for an activated candidate on their way through WeCom.
    wecom_no_auth_notice: f.wecom === 'followed',
    wecom_follow: f.wecom === 'phone_verified',
    wecom_not_started: c.status === 'active' && c.account_type === 'candidate' && f.wecom === 'none',
    wecom_waiting_group: f.wecom === 'verified',
    wecom_grouped: f.wecom === 'grouped',
    activated: c.status === 'active',
    in_progress: pending && lastAt(f.audit, ['IDENTITY_CHECK'], 'ok') > 0,
    not_started: pending && lastAt(f.audit, ['IDENTITY_CHECK'], 'ok') === 0,
  };
  return SITUATIONS.filter((s) => applies[s]);
}
