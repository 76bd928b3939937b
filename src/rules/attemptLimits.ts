// The decisions of the one attempt limiter, as pure functions of counts; the counting is in data/attempts.ts.

/** Every secret the portal lets people guess. Each is counted by the same limiter under its own policy. */
export const ATTEMPT_KINDS = [
  /** The CAS login's password, per user name. */
  'login',
  /** The help-desk console's password, per staff user name. */
  'staffLogin',
  /** 身份校验 of activation: name and ID number for a 考生号. */
  'identity',
  /** 忘记密码's account look-up (which names exist is the secret). */
  'recoveryAccount',
  /** 忘记密码's re-typed bound phone or email, per account. */
  'recoveryContact',
  /** One SMS, email or reset code, per issued code. */
  'code',
  /** Activation's "bound to another account" answers, per candidate: each tells whether a number is in use. */
  'contactTaken',
  /** 短信登录's pretend sends to an unbound number, one row each, held to the code rules so no answer reveals a binding. */
  'loginCodeDecoy',
] as const;

export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

/** The kinds whose locks the help desk lifts with 解除锁定 and that make an account show as locked. */
export const ACCOUNT_LOCK_KINDS = ['login', 'identity', 'recoveryContact'] as const satisfies readonly AttemptKind[];

export const isAccountLock = (kind: AttemptKind) => (ACCOUNT_LOCK_KINDS as readonly AttemptKind[]).includes(kind);

export interface AttemptPolicy {
  /** Failures and attempts in flight count for this long. */
  windowMs: number;
  /** How long a lock lasts; at least windowMs, so the failures behind a lock have aged out when it ends. */
  lockMs: number;
  /** Failures of one subject from one address that lock the pair: a lock elsewhere costs the attacker nothing. */
  maxPerSubjectAddress?: number;
  /** Failures of one subject from every address together that lock it everywhere: bounds spread-out guessing. */
  maxPerSubject?: number;
  /** Failures of one subject, from any address, after which every attempt needs a solved image captcha. */
  captchaAfterPerSubject?: number;
  /** Failures from one address after which every attempt from it needs a solved captcha; never a refusal. */
  captchaAfterPerAddress?: number;
  /** Failures in one browser session after which the session is refused. */
  maxPerSession?: number;
}

/** Failures plus attempts still in flight inside the window, for each way of counting, and the failures alone. */
export interface AttemptCounts {
  subjectAddress: number;
  subject: number;
  session: number;
  failed: { subjectAddress: number; subject: number; address: number };
}

/** Which of the wider counts a policy decides on; the others are not counted (they would read as 0). */
export interface CountedPer {
  address: boolean;
  session: boolean;
}

export function countedPer(policy: AttemptPolicy): CountedPer {
  return { address: policy.captchaAfterPerAddress !== undefined, session: policy.maxPerSession !== undefined };
}

/** Where a lock holds: for the subject from one address, or from every address. */
export type LockScope = 'address' | 'everywhere';

function limitScope(policy: AttemptPolicy, subject: number, subjectAddress: number): LockScope | undefined {
  if (policy.maxPerSubject !== undefined && subject >= policy.maxPerSubject) return 'everywhere';
  if (policy.maxPerSubjectAddress !== undefined && subjectAddress >= policy.maxPerSubjectAddress) return 'address';
  return undefined;
}

/** The one rule for "locked": the failures have reached a lock limit. Answers which lock that sets, if any. */
export function lockReached(policy: AttemptPolicy, counts: AttemptCounts): LockScope | undefined {
  return limitScope(policy, counts.failed.subject, counts.failed.subjectAddress);
}

/**
 * Whether a new attempt must wait: the failures and the attempts still in flight (counted as failures until they are
 * known to be good) fill the limit. Then no more secrets are checked, however requests interleave; but a burst of
 * right answers locks nothing, as only failures lock.
 */
export function limitFull(policy: AttemptPolicy, counts: AttemptCounts): boolean {
  return limitScope(policy, counts.subject, counts.subjectAddress) !== undefined;
}

/** Whether the next attempt must carry a solved captcha (only where captchas are on). */
export function captchaDemanded(policy: AttemptPolicy, counts: AttemptCounts): boolean {
  const bySubject = policy.captchaAfterPerSubject !== undefined && counts.subject >= policy.captchaAfterPerSubject;
  // An address is challenged for its failures only: a hall full of people logging in at once is not suspect.
  const byAddress = policy.captchaAfterPerAddress !== undefined && counts.failed.address >= policy.captchaAfterPerAddress;
  return bySubject || byAddress;
}

/** Whether this browser session has failed too often to be served. */
export function sessionExhausted(policy: AttemptPolicy, counts: AttemptCounts): boolean {
  return policy.maxPerSession !== undefined && counts.session >= policy.maxPerSession;
}
