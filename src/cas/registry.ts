import type { AccountType, CandidateRow } from '../data/candidates.ts';
import type { Service } from '../data/services.ts';
import type { Store } from '../data/store.ts';
import { checkServiceUrl, compileServicePattern } from '../rules/serviceUrl.ts';

/**
 * The registered, enabled service a URL belongs to, or undefined. The URL must first pass the
 * structural check (no user info, backslashes or dot segments), then match a whole anchored pattern.
 * A pattern that fails the checks (one written into the database by hand, say) matches nothing.
 */
export function findRegisteredService(store: Store, url: string): Service | undefined {
  if (!checkServiceUrl(url).ok) return undefined;
  return store.services.list().find((s) => {
    if (!s.enabled) return false;
    const check = compileServicePattern(s.urlPattern);
    return check.ok && check.regex.test(url);
  });
}

export function admits(service: Service, accountType: AccountType): boolean {
  return service.allowedAccountTypes.includes(accountType);
}

/** The attributes released to a service, under the names it registered; unbound values are left out. */
export function releasedAttributes(service: Service, c: CandidateRow): [string, string][] {
  const values: Record<string, string | null> = {
    uid: c.candidate_no,
    cn: c.name,
    accountType: c.account_type,
    department: c.department,
    major: c.major,
    mobile: c.phone,
    mail: c.email,
  };
  const released: [string, string][] = [];
  for (const [attribute, name] of Object.entries(service.releasedAttributes)) {
    const value = values[attribute];
    if (value !== null && value !== undefined && name) released.push([name, value]);
  }
  return released;
}
