// A downstream application built on http-cas-client (npm, lemonce/cas-client), a CAS client nobody on the
// team wrote: it logs users in through the running portal and takes back-channel logoutRequests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import request from 'supertest';
import { TEST_API_TOKEN, type Agent, type TestPortal } from './portal.ts';

const httpCasClient = createRequire(import.meta.url)('http-cas-client') as (options: object) =>
  (req: unknown, res: unknown) => Promise<boolean>;

export interface CasClientApp {
  url: string;
  /** Back-channel POSTs this application received (each one a logoutRequest from the portal). */
  logoutRequests: string[];
  close(): void;
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** Serves the application (unregistered): its pages need a CAS login at the portal and answer with the principal. */
export async function serveCasClient(portalUrl: string, options: { renew?: boolean } = {}): Promise<CasClientApp> {
  const server = createServer();
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}`;
  const handler = httpCasClient({ casServerUrlPrefix: `${portalUrl}/authserver`, serverName: url, client: { renew: options.renew ?? false } });
  const logoutRequests: string[] = [];
  server.on('request', async (req, res) => {
    if (req.method === 'POST') logoutRequests.push(req.url ?? '');
    try {
      if (!(await handler(req, res))) return res.end();
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify((req as unknown as { principal: unknown }).principal));
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });
  return { url, logoutRequests, close: () => server.close() };
}

/** Starts the application and registers it with the portal as a service candidates may use. */
export async function startCasClientApp(portal: TestPortal, portalUrl: string, options: { renew?: boolean } = {}): Promise<CasClientApp> {
  const app = await serveCasClient(portalUrl, options);
  const port = new URL(app.url).port;
  const registered = await request(portal.app).post('/api/v1/services').set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({
    name: `app on ${port}`, urlPattern: `^http://127\\.0\\.0\\.1:${port}/.*$`, allowedAccountTypes: ['candidate', 'student'], releasedAttributes: { uid: 'uid' },
  });
  if (registered.status !== 201) throw new Error(`cannot register the app: ${registered.text}`);
  return app;
}

const stCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('st='))?.split(';')[0];

/**
 * A browser opens the application's page: it is sent to the portal, which answers with single sign-on
 * or the login form (filled in with `credentials`), and comes back with a ticket the application validates.
 * Returns the application's session cookie.
 */
export async function signInTo(
  app: CasClientApp, portalUrl: string, browser: Agent, credentials: { username: string; password: string; rememberMe?: 'true' },
): Promise<string> {
  const first = await fetch(`${app.url}/page`, { redirect: 'manual' });
  const loginPath = first.headers.get('location')!.slice(portalUrl.length);
  let answer = await browser.get(loginPath);
  if (answer.status === 200) {
    const execution = /name="execution" value="([^"]+)"/.exec(answer.text)![1]!;
    answer = await browser.post(loginPath).type('form').send({ ...credentials, execution, agreeProtocol: 'true', _eventId: 'submit', cllt: 'userNameLogin', dllt: 'generalLogin', lt: '' });
  }
  if (answer.status !== 302) throw new Error(`no ticket (${answer.status}): ${answer.text.slice(0, 300)}`);
  const back = await fetch(answer.headers.location as string, { redirect: 'manual' });
  const cookie = stCookie(back);
  if (!cookie) throw new Error(`the application did not accept the ticket (${back.status})`);
  return cookie;
}

/** Who the application believes is signed in with this cookie, or undefined when it sends the browser to log in. */
export async function signedInUser(app: CasClientApp, cookie: string): Promise<string | undefined> {
  const page = await fetch(`${app.url}/page`, { headers: { Cookie: cookie }, redirect: 'manual' });
  if (page.status !== 200) return undefined;
  return ((await page.json()) as { user: string }).user;
}
