import type { Logger } from 'pino';
import type { Store } from '../data/store.ts';
import { generateToken } from '../rules/codes.ts';
import { textOf } from '../web/texts.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

export interface FirstAdmin {
  /** The generated password to print once; undefined when it came from the environment or staff already exist. */
  generatedPassword?: string;
  /** Settles when the account exists (hashing is asynchronous); logins wait for it. */
  ready: Promise<void>;
}

/** On an empty staff table, creates `admin` with CONSOLE_ADMIN_PASSWORD or a generated password. */
export function ensureFirstAdmin(deps: {
  store: Store;
  now: () => number;
  configuredPassword?: string;
  hashPassword(password: string): Promise<string>;
  log: Logger;
}): FirstAdmin {
  const { store } = deps;
  if (store.staff.count() > 0) return { ready: Promise.resolve() };
  const generatedPassword = deps.configuredPassword ? undefined : generateToken(12);
  const password = deps.configuredPassword ?? generatedPassword!;
  const ready = deps.hashPassword(password).then((passwordHash) => {
    // Hash first, then insert only if no one created staff meanwhile (another process on the same file).
    store.transaction(() => {
      if (store.staff.count() > 0) return;
      store.staff.insert({ username: FIRST_ADMIN_USERNAME, displayName: textOf('STAFF_FIRST_ADMIN_NAME'), role: 'admin', passwordHash }, deps.now());
    });
  }).catch((err: unknown) => {
    // e.g. the database was closed while hashing (shutdown): say so rather than crash on an unhandled rejection.
    deps.log.error({ err }, 'could not create the first console admin');
  });
  return { generatedPassword, ready };
}
