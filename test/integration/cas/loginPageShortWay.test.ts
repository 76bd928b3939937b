import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, type TestPortal } from '../../support/portal.ts';
import { CAMPUS, logIn, svc, WECOM } from './helpers.ts';

// A login page GET without a portal session goes from app.ts straight to the page's handler; with one
// (a wizard session) it takes the usual way through the session middleware and the CAS router.

type Reply = request.Response;

const cookiesOf = (res: Reply) => (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
const cookieValue = (res: Reply, name: string) => cookiesOf(res).find((c) => c.startsWith(`${name}=`))?.split(';')[0];

/** What a browser sees, but for the values drawn anew each time (tokens, ids, tickets) and the session cookie. */
function seen(res: Reply) {
  const { date: _date, 'set-cookie': _cookies, location, ...headers } = res.headers as Record<string, string>;
  return {
    status: res.status,
    headers,
    location: location?.replace(/ticket=ST-[A-Za-z0-9-]+/, 'ticket=ST'),
    cookies: cookiesOf(res).filter((c) => !c.startsWith('JSESSIONID=')).map((c) => c.replace(/=[^;]*/, '=')),
    body: res.text?.replace(/value="[^"]*"|ltId=[A-Za-z0-9]+|ST-[A-Za-z0-9-]+/g, ''),
  };
}

async function bothWays(portal: TestPortal, path: string, cookies: string[], session: string, method: 'get' | 'head' = 'get') {
  const auditRows = () => portal.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
  const before = auditRows();
  const short = await request(portal.app)[method](path).set('Cookie', cookies.join('; '));
  const between = auditRows();
  const usual = await request(portal.app)[method](path).set('Cookie', [...cookies, session].join('; '));
  // Each way answers once: an error from the handler does not come down the chain to be answered (and audited) again.
  expect(between - before).toBe(auditRows() - between);
  expect(cookieValue(short, 'JSESSIONID')).toBeUndefined();
  // The usual way loads the wizard session and renews its cookie: proof that it did not take the short way.
  expect(cookieValue(usual, 'JSESSIONID')).toBe(session);
  return { short: seen(short), usual: seen(usual) };
}

describe('the login page without a portal session, served by its handler at once', () => {
  it('answers every kind of GET and HEAD exactly as through the CAS router', async () => {
    const portal = makePortal();
    const wizard = await request(portal.app).get('/retrieve-password/accountActivation');
    const session = cookieValue(wizard, 'JSESSIONID')!;
    expect(session).toBeDefined();

    const withoutSso = [
      ['', 200], [`?service=${svc(WECOM)}`, 200], [`?service=${svc(WECOM)}&renew=true`, 200],
      [`?service=${svc(WECOM)}&gateway=true`, 302], ['?type=dynamicLogin', 200], [`?service=${svc(CAMPUS)}&type=dynamicLogin`, 200],
      // An unregistered service: the handler's error goes on to the error page (应用未注册).
      [`?service=${svc('http://evil.example/')}`, 403],
    ] as const;
    for (const [query, status] of withoutSso) {
      const { short, usual } = await bothWays(portal, `/authserver/login${query}`, [], session);
      expect([query, short.status]).toEqual([query, status]);
      expect(short).toEqual(usual);
    }
    expect(portal.db.prepare("SELECT COUNT(*) FROM audit WHERE event = 'SERVICE_REFUSED'").pluck().get()).toBe(2);
    const head = await bothWays(portal, `/authserver/login?service=${svc(WECOM)}`, [], session, 'head');
    expect(head.short).toEqual(head.usual);

    // A browser with an SSO session (its CASTGC cookie) and the form's binding cookie.
    const browser = request.agent(portal.app);
    const login = await logIn(browser, { query: `?service=${svc(WECOM)}` });
    expect(login.status).toBe(302);
    const binding = cookieValue(await request(portal.app).get('/authserver/login'), 'IDAS_LOGIN')!;
    const cookies = [cookieValue(login, 'CASTGC')!, binding];
    const withSso = [
      ['', 200], [`?service=${svc(WECOM)}`, 302], [`?service=${svc(WECOM)}&method=POST`, 200],
      [`?service=${svc(WECOM)}&renew=true`, 200], [`?service=${svc(WECOM)}&gateway=true`, 302],
    ] as const;
    for (const [query, status] of withSso) {
      const { short, usual } = await bothWays(portal, `/authserver/login${query}`, cookies, session);
      expect([query, short.status]).toEqual([query, status]);
      expect(short).toEqual(usual);
    }
  });
});
