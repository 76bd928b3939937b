import { createCodes } from './codes.ts';
import type { Db } from './db.ts';
import { createEvents } from './events.ts';
import { createFaults } from './faults.ts';
import { createGroups } from './groups.ts';
import { createMembers } from './members.ts';
import { createCasLogins, createHousekeeping } from './sessions.ts';
import { createTakenAnswers } from './takenAnswers.ts';

/** Every table of the WeCom app over the connection its host gives it; the only place with its SQL. */
export function createWecomStore(db: Db) {
  // One transaction function for every caller: db.transaction() builds a new one, with its variants, each time.
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  return {
    members: createMembers(db),
    codes: createCodes(db),
    events: createEvents(db),
    groups: createGroups(db),
    faults: createFaults(db),
    takenAnswers: createTakenAnswers(db),
    casLogins: createCasLogins(db),
    housekeeping: createHousekeeping(db),
    /** Runs fn in one IMMEDIATE transaction; fn must be synchronous. */
    transaction: <T>(fn: () => T): T => inTransaction.immediate(fn) as T,
  };
}

export type WecomStore = ReturnType<typeof createWecomStore>;
