// "This number is bound to someone else" answers: each tells whether a number is in use, so they are counted per
// asker and end in a lock. The portal counts them with its limiter (kind contactTaken), the WeCom app in its own table.

export interface TakenAnswerPolicy {
  /** Answers count for this long. */
  windowMs: number;
  /** How long the lock lasts; at least windowMs, so the answers behind a lock have aged out when it ends. */
  lockMs: number;
  /** Answers within the window that lock the asker's look-ups. */
  maxAnswers: number;
}

/** The end of the lock that this answer sets, given the answers in the window counting it, or undefined. */
export function lockAfterTakenAnswer(policy: TakenAnswerPolicy, answersInWindow: number, now: number): number | undefined {
  return answersInWindow >= policy.maxAnswers ? now + policy.lockMs : undefined;
}
