// npm run reset -- --yes: deletes every candidate with all their progress and messages, then re-seeds the demo roster.
import { systemClock } from '../src/clock.ts';
import { openDatabase } from '../src/data/db.ts';
import { seedDemoRoster } from '../src/data/demoRoster.ts';
import { countResettable, deleteAllCandidateData } from '../src/data/reset.ts';
import { createStore } from '../src/data/store.ts';
import { createSingleLogout } from '../src/messaging/singleLogout.ts';
import { pino } from 'pino';
import { configOrExit } from './cli.ts';

const describe = (counts: Record<string, number>) => Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ');

const config = configOrExit();
const db = openDatabase(config.databasePath);
if (!process.argv.includes('--yes')) {
  console.log(`reset would delete from ${config.databasePath}: ${describe(countResettable(db))}`);
  console.log('then insert the demo roster again; generated secrets and the API token are kept.');
  console.log('Run `npm run reset -- --yes` to do it.');
  db.close();
  process.exit(1);
}
const store = createStore(db);
const now = systemClock.now();
// Ending, claiming and deleting in one transaction: a login a running portal lets in meanwhile comes either
// before it (and is told) or after it (and stays), never between a claim and the deletion of its tickets.
const { owed, deleted, inserted } = store.transaction(() => {
  const owed = store.tickets.claimLogoutTargets(store.ssoSessions.endEveryOpen(now), now);
  return { owed, deleted: deleteAllCandidateData(db), inserted: seedDemoRoster(store, now) };
});
await createSingleLogout({ config, store, clock: systemClock, log: pino({ level: 'warn' }) }).deliver(owed);
db.close();
console.log(`reset: deleted ${describe(deleted)} from ${config.databasePath}; inserted ${inserted} demo candidates`);
