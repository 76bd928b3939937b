import type { Server } from 'node:http';
import request from 'supertest';
import { createApp, type Portal } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase } from '../../src/data/db.ts';
import { createPasswordHashing, type PasswordHashing } from '../../src/web/passwordHashing.ts';

/** A clock the test moves by hand. Starts at a fixed instant so dates in pages are predictable. */
export class FakeClock {
  constructor(public t = Date.UTC(2026, 2, 10, 2, 0, 0)) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

export const TEST_API_TOKEN = 'test-api-token-0123456789';

// Which test portal an app belongs to, so form helpers can read a captcha's answer as a trainer's tool would.
const portalsByApp = new WeakMap<object, ReturnType<typeof createApp> & { db: ReturnType<typeof openDatabase> }>();

/** The real app on an in-memory database with the demo roster. Argon2 is cheaper so suites stay quick. */
export function makePortal(
  env: Record<string, string> = {},
  options: { dbPath?: string; wrapPasswords?: (real: PasswordHashing) => PasswordHashing } = {},
) {
  const clock = new FakeClock();
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    API_TOKEN: TEST_API_TOKEN,
    ARGON2_MEMORY_KIB: '4096',
    ARGON2_TIME_COST: '1',
    ...env,
  });
  const db = openDatabase(options.dbPath ?? ':memory:');
  const real = createPasswordHashing(config.argon2);
  const portal = { ...createApp({ config, db, clock, passwords: options.wrapPasswords?.(real) ?? real }), clock, db };
  portalsByApp.set(portal.app, portal);
  return portal;
}

export type TestPortal = ReturnType<typeof makePortal>;
export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token from a page's hidden field. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

/** The text of the page's error and info notices and field errors, in order. */
export function messagesOf(html: string): string[] {
  return [...html.matchAll(/class="(?:notice notice-(?:error|info)|field-error)"[^>]*>([^<]*)</g)].map((m) => m[1]!);
}

/**
 * The graphic captcha a page carries, solved: its image is fetched as the browser would, then its answer read
 * from the store. Nothing when the page has none (captchas off, or a page without one).
 */
export async function solvedCaptchaOf(agent: Agent, html: string): Promise<{ captcha: string; captchaId: string } | Record<string, never>> {
  const id = /name="captchaId" value="([^"]+)"/.exec(html)?.[1];
  // supertest wraps the app in an http.Server whose request listener is the app itself.
  const portal = portalsByApp.get((agent as unknown as { app: Server }).app.listeners('request')[0] as object);
  if (!id || !portal) return {};
  await agent.get(`/retrieve-password/generateCaptcha?ltId=${id}&codeType=2`);
  return { captcha: portal.store.captchas.peek(id) ?? '', captchaId: id };
}

/** GET a page and return its CSRF token. */
export async function csrfOf(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path);
  return csrfFrom(res.text);
}

export function latestMessageTo(portal: Portal, to: string) {
  return portal.store.outbox.listTo(to, 1)[0];
}

/** The 6-digit code in the newest message to an address, as a trainee would read it. */
export function latestCodeTo(portal: Portal, to: string): string {
  const text = latestMessageTo(portal, to)?.text ?? '';
  const match = /验证码为[：:]?\s*(\d{6})/.exec(text);
  if (!match) throw new Error(`no code sent to ${to}`);
  return match[1]!;
}

/** The newest code sent to a phone or address, read through a listening server's test-automation API, as an integrator would. */
export async function codeSentThroughApi(serverUrl: string, to: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/messages?to=${encodeURIComponent(to)}`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
  const [newest] = (await res.json()) as { code: string | null }[];
  if (!newest?.code) throw new Error(`no code sent to ${to}`);
  return newest.code;
}
