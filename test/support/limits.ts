// Sets a lock as the limiter would once a subject has failed too often, for tests about what a lock does.
import type { AttemptKind } from '../../src/rules/attemptLimits.ts';
import type { PasswordHashing } from '../../src/web/passwordHashing.ts';
import type { TestPortal } from './portal.ts';

/** Locks the subject from every address, or only from `address` when given. */
export function lockFor(portal: TestPortal, kind: AttemptKind, subject: string, until: number, address = ''): void {
  portal.store.attempts.lock({ kind, subject, address, session: '' }, address ? 'address' : 'everywhere', until);
}

/** The real argon2 gate, counting the verifications that pass through it. */
export function countingVerifications() {
  const counter = {
    verifications: 0,
    wrap: (real: PasswordHashing): PasswordHashing => ({
      ...real,
      verify: (hash, password) => {
        counter.verifications++;
        return real.verify(hash, password);
      },
    }),
  };
  return counter;
}
