// npm run seed: opens DATABASE_PATH, applies pending migrations and inserts the demo roster where it is missing.
import { systemClock } from '../src/clock.ts';
import { openDatabase } from '../src/data/db.ts';
import { demoRoster, seedDemoRoster } from '../src/data/demoRoster.ts';
import { createStore } from '../src/data/store.ts';
import { configOrExit } from './cli.ts';

const config = configOrExit();
const db = openDatabase(config.databasePath);
const inserted = seedDemoRoster(createStore(db), systemClock.now());
db.close();
console.log(`seed: inserted ${inserted} of ${demoRoster.length} demo candidates into ${config.databasePath}`);
