import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Store } from '../data/store.ts';
import type { SingleLogout } from '../messaging/singleLogout.ts';
import type { VerificationCodes } from '../messaging/verificationCodes.ts';
import type { Captchas } from '../web/captcha.ts';
import type { Limiter } from '../web/limiter.ts';
import type { ExecutionTokens } from './executionToken.ts';
import type { LoginPages } from './loginPage.ts';

/** What the CAS server needs from the app. */
export interface CasDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  singleLogout: SingleLogout;
  captchas: Captchas;
  /** SMS codes for 短信登录, under the same rules as every other code. */
  codes: VerificationCodes;
  /** The one attempt limiter (locks, captcha demands, places in the count). */
  limiter: Limiter;
  executions: ExecutionTokens;
  /** The login form as first shown, kept per service and tab. */
  loginPages: LoginPages;
  /** Whether image captchas are on (config default, switchable through the API). */
  captchaEnabled(): boolean;
  /** Without a hash it spends the same time and answers false, so timing reveals no account. */
  verifyPassword(hash: string | undefined, password: string): Promise<boolean>;
  /** The paths of the other pages the login page links to. */
  links: { activation: string; recovery: string };
}
