import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { SqliteSessionStore } from '../web/sessionStore.ts';
import type { WecomStore } from './data/store.ts';
import type { Journey } from './journey.ts';
import type { PhoneCodes } from './phoneCodes.ts';
import type { PhoneLookUps } from './phoneLookUps.ts';

/** What every part of the WeCom app gets from its router; nothing of the portal's internals. */
export interface WecomDeps {
  config: Config;
  store: WecomStore;
  journey: Journey;
  codes: PhoneCodes;
  /** Whether a number is another member's, under the limit on such answers. */
  lookUps: PhoneLookUps;
  sessions: SqliteSessionStore;
  log: Logger;
  now(): number;
  csrfToken(req: Request): string;
}
