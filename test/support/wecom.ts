// Walks the WeCom app (/wecom/) as a browser does: over a listening server, so the service URL the app builds
// from the Host header is the one the browser comes back to, and the ticket is validated over real HTTP.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { demoActivated } from '../../src/data/demoRoster.ts';
import { listen } from './listen.ts';
import { csrfFrom, latestCodeTo, makePortal, type Agent, type TestPortal } from './portal.ts';

export const ZHAO = { uid: demoActivated.candidateNo, password: demoActivated.password, name: '赵磊', department: '自动化工程学院' };
export const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50';
export const HARMONY_UA = 'Mozilla/5.0 (Phone; OpenHarmony 4.1) AppleWebKit/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0';

export interface WecomServer {
  portal: TestPortal;
  url: string;
  /** A new browser: its own cookies, so its own simulated WeChat. */
  browser(): Agent;
  close(): Promise<void>;
}

export async function wecomServer(env: Record<string, string> = {}): Promise<WecomServer> {
  const portal = makePortal({ CAPTCHA_ENABLED: 'false', ...env });
  const server = await listen(portal);
  return {
    portal,
    url: server.url,
    browser: () => request.agent(server.url),
    close: async () => {
      await server.close();
      portal.db.close();
    },
  };
}

/**
 * One server for a test file: started before its first test, closed after its last. With `newVisit`, each test
 * is a new visit: the clock first moves past every cooldown of the test before, and the named tables are emptied.
 */
export function wecomServerForFile(newVisit?: { wipe: readonly string[] }): WecomServer {
  let server: WecomServer | undefined;
  const live = () => {
    if (!server) throw new Error('the WeCom test server runs only inside the file’s tests');
    return server;
  };
  beforeAll(async () => {
    server = await wecomServer();
  });
  afterAll(() => server?.close());
  if (newVisit) {
    beforeEach(() => {
      live().portal.clock.advance(10 * 60_000);
      for (const table of newVisit.wipe) live().portal.db.exec(`DELETE FROM ${table}`);
    });
  }
  return {
    get portal() {
      return live().portal;
    },
    get url() {
      return live().url;
    },
    browser: () => live().browser(),
    close: () => live().close(),
  };
}

/** Path and query of an absolute URL, for following a redirect with the agent. */
export const pathOf = (location: string) => {
  const url = new URL(location, 'http://x');
  return `${url.pathname}${url.search}`;
};

/** Logs in on the CAS login form the app sent the browser to (or passes through SSO) and returns the redirect back. */
export async function casLogin(agent: Agent, loginLocation: string, who: { uid: string; password: string }) {
  const form = await agent.get(pathOf(loginLocation));
  if (form.status === 302) return form;
  const execution = /name="execution" value="([^"]+)"/.exec(form.text)?.[1];
  if (!execution) throw new Error(`no login form at ${loginLocation}: ${form.status} ${form.text.slice(0, 300)}`);
  return agent.post(pathOf(loginLocation)).type('form').send({ username: who.uid, password: who.password, execution, agreeProtocol: 'true', _eventId: 'submit', cllt: 'userNameLogin', dllt: 'generalLogin', lt: '' });
}

/** 第二步: GET /wecom/activate → CAS login → back with the ticket; returns the app's answer to the ticket. */
export async function signIn(agent: Agent, who: { uid: string; password: string } = ZHAO, path = '/wecom/activate') {
  const start = await agent.get(path);
  if (start.status !== 302) throw new Error(`${path} did not redirect to CAS: ${start.status}`);
  const back = await casLogin(agent, start.headers.location as string, who);
  if (back.status !== 302) throw new Error(`CAS login failed (${back.status}): ${back.text.slice(0, 500)}`);
  return agent.get(pathOf(back.headers.location as string));
}

export async function csrfAt(agent: Agent, path: string): Promise<string> {
  return csrfFrom((await agent.get(path)).text);
}

export async function post(agent: Agent, path: string, form: Record<string, string>, csrfPath: string) {
  // The token first: the agent attaches its cookies when the request is created.
  const _csrf = await csrfAt(agent, csrfPath);
  return agent.post(path).type('form').send({ ...form, _csrf });
}

export const VERIFY = '/wecom/activate/verify';
export const FOLLOW = '/wecom/activate/follow';

/** 第三步 done: the code sent to the phone, read from the outbox, proves it. */
export async function verifyPhone(agent: Agent, portal: TestPortal, phone: string) {
  await post(agent, `${VERIFY}/code`, { phone }, VERIFY);
  return post(agent, VERIFY, { phone, code: latestCodeTo(portal, phone) }, VERIFY);
}

/** Signs in, verifies the phone and follows: the member is then where 第五步 starts. */
export async function activateAndFollow(agent: Agent, portal: TestPortal, phone = '13900000009', who = ZHAO) {
  const signedIn = await signIn(agent, who);
  if (signedIn.headers.location === VERIFY) {
    const verified = await verifyPhone(agent, portal, phone);
    if (verified.status !== 303) throw new Error(`verify failed: ${verified.status} ${verified.text.slice(0, 800)}`);
  }
  const followed = await post(agent, FOLLOW, {}, FOLLOW);
  if (followed.status !== 303) throw new Error(`follow failed: ${followed.status} ${followed.text.slice(0, 800)}`);
  return followed;
}

/** The visible text of a page: tags dropped, whitespace squeezed. */
export const textOfPage = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ').trim();
