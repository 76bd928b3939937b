import type { Db } from './db.ts';
import { createAttempts } from './attempts.ts';
import { createAudit } from './audit.ts';
import { createCandidates } from './candidates.ts';
import { createCaptchaAnswers } from './captchas.ts';
import { createChallenges } from './challenges.ts';
import { createCredentials } from './credentials.ts';
import { createMeta } from './meta.ts';
import { createOutbox } from './outbox.ts';
import { createServices } from './services.ts';
import { createSettings } from './settings.ts';
import { createDemoReset } from './demoReset.ts';
import { createFaults } from './faults.ts';
import { createHelpScripts } from './helpScripts.ts';
import { createHousekeeping } from './housekeeping.ts';
import { createLoginExecutions } from './loginExecutions.ts';
import { createMailbox } from './mailbox.ts';
import { createRoster } from './roster.ts';
import { createRosterImport } from './rosterImport.ts';
import { createRosterUploads } from './rosterUploads.ts';
import { createStaff } from './staff.ts';
import { createStats } from './stats.ts';
import { createSsoSessions } from './ssoSessions.ts';
import { createTickets } from './tickets.ts';

/** All data modules over one connection. The connection comes from the caller, never an import. */
export function createStore(db: Db) {
  // One transaction function for every caller: db.transaction() builds a new one, with its variants, each time.
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  return {
    db,
    meta: createMeta(db),
    candidates: createCandidates(db),
    challenges: createChallenges(db),
    outbox: createOutbox(db),
    audit: createAudit(db),
    attempts: createAttempts(db),
    ssoSessions: createSsoSessions(db),
    housekeeping: createHousekeeping(db),
    services: createServices(db),
    tickets: createTickets(db),
    settings: createSettings(db),
    credentials: createCredentials(db),
    captchas: createCaptchaAnswers(db),
    loginExecutions: createLoginExecutions(db),
    staff: createStaff(db),
    helpScripts: createHelpScripts(db),
    faults: createFaults(db),
    roster: createRoster(db),
    rosterImport: createRosterImport(db),
    rosterUploads: createRosterUploads(db),
    mailbox: createMailbox(db),
    stats: createStats(db),
    demoReset: createDemoReset(db),
    /** Runs fn in one IMMEDIATE transaction; fn must be synchronous (hash first, then write). */
    transaction: <T>(fn: () => T): T => inTransaction.immediate(fn) as T,
  };
}

export type Store = ReturnType<typeof createStore>;
