import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Store } from '../data/store.ts';
import type { SingleLogout } from '../messaging/singleLogout.ts';
import type { Limiter } from '../web/limiter.ts';
import type { WecomHelpdesk } from '../wecom/helpdesk.ts';
import type { FirstAdmin } from './firstAdmin.ts';

/** What every console route gets from createApp. */
export interface ConsoleDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  singleLogout: SingleLogout;
  firstAdmin: FirstAdmin;
  limiter: Limiter;
  hashPassword(password: string): Promise<string>;
  /** argon2 verification through the one-per-core gate, as long for an unknown user as for a known one. */
  verifyPassword(hash: string | undefined, password: string): Promise<boolean>;
  csrfToken(req: Request): string;
  /** The WeCom app's help-desk view and actions (the console reads into the WeCom room, never the other way). */
  wecom: WecomHelpdesk;
}
