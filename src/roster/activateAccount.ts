import { UniqueViolation } from '../data/candidates.ts';
import type { Store } from '../data/store.ts';
import { maskEmail } from '../rules/email.ts';
import { maskPhone } from '../rules/phone.ts';

export interface NewActivation {
  id: number;
  phone: string;
  email: string;
  passwordHash: string;
  now: number;
}

export type ActivationOutcome =
  | { ok: true }
  | { ok: false; code: 'ALREADY_ACTIVATED' }
  /** Another account bound the number or address since it was checked. */
  | { ok: false; code: 'PHONE_TAKEN' | 'EMAIL_TAKEN'; column: 'phone' | 'email' };

/**
 * Finishing an activation, for the wizard and the API alike: the hash is made before, then one synchronous
 * transaction activates the account only while it is pending (racing activations end with one) and audits it.
 */
export function commitActivation(store: Store, a: NewActivation, audit: { candidateNo?: string; ip?: string; actor?: string }): ActivationOutcome {
  try {
    const won = store.transaction(() => {
      const activated = store.candidates.activate(a);
      if (activated) {
        store.audit.record({
          at: a.now, event: 'ACTIVATED', outcome: 'ok', candidateId: a.id, candidateNo: audit.candidateNo ?? null,
          ip: audit.ip ?? null, actor: audit.actor ?? null, params: { phone: maskPhone(a.phone), email: maskEmail(a.email) },
        });
      }
      return activated;
    });
    return won ? { ok: true } : { ok: false, code: 'ALREADY_ACTIVATED' };
  } catch (err) {
    if (!(err instanceof UniqueViolation) || err.column === 'candidate_no') throw err;
    return { ok: false, code: err.column === 'phone' ? 'PHONE_TAKEN' : 'EMAIL_TAKEN', column: err.column };
  }
}
