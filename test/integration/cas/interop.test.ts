import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { serveCasClient, type CasClientApp } from '../../support/casClientApp.ts';
import { makePortal, type TestPortal } from '../../support/portal.ts';
import { ZHAO } from './helpers.ts';

// http-cas-client (npm, lemonce/cas-client): a CAS 3.0 client nobody on the team wrote, here on the path of the
// demo WeCom service registration, so the attributes it reads are the ones that service releases.

let portal: TestPortal;
let portalServer: Server;
let client: CasClientApp;
let portalUrl: string;
let appUrl: string;

beforeAll(async () => {
  portal = makePortal();
  portalServer = createServer(portal.app);
  await new Promise<void>((resolve) => portalServer.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(portalServer.address() as AddressInfo).port}`;
  client = await serveCasClient(portalUrl);
  appUrl = client.url;
});

afterAll(() => {
  client.close();
  portalServer.close();
});

const cookieOf = (setCookie: string[] | undefined, name: string) => setCookie?.find((c) => c.startsWith(`${name}=`))?.split(';')[0];

describe('an off-the-shelf CAS client against the running portal', () => {
  it('logs in through /authserver/login, validates at p3/serviceValidate and reads the released attributes', async () => {
    const protectedPage = `${appUrl}/wecom/app`;
    const first = await fetch(protectedPage, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const loginUrl = first.headers.get('location')!;
    expect(loginUrl.startsWith(`${portalUrl}/authserver/login?service=`)).toBe(true);

    const browser = request.agent(portalServer);
    const path = loginUrl.slice(portalUrl.length);
    const form = await browser.get(path);
    expect(form.status).toBe(200);
    const execution = /name="execution" value="([^"]+)"/.exec(form.text)![1]!;
    const posted = await browser.post(path).type('form').send({ username: ZHAO.username, password: ZHAO.password, execution, agreeProtocol: 'true', _eventId: 'submit', cllt: 'userNameLogin', dllt: 'generalLogin', lt: '' });
    expect(posted.status).toBe(302);
    const back = posted.headers.location as string;
    expect(back.startsWith(`${protectedPage}?ticket=ST-`)).toBe(true);

    const withTicket = await fetch(back, { redirect: 'manual' });
    expect(withTicket.status).toBe(302);
    const st = cookieOf(withTicket.headers.getSetCookie(), 'st')!;
    const page = await fetch(protectedPage, { headers: { Cookie: st } });
    const principal = (await page.json()) as { user: string; attributes: Record<string, string> };
    expect(principal.user).toBe(ZHAO.username);
    expect(principal.attributes).toMatchObject({
      uid: ZHAO.username, cn: '赵磊', accountType: 'candidate', department: '自动化工程学院', mobile: '13800138009', mail: 'zhaolei@example.com',
    });

    // Single logout reaches the client, which then no longer knows the user.
    const tgc = cookieOf(posted.headers['set-cookie'] as unknown as string[], 'CASTGC')!;
    await fetch(`${portalUrl}/authserver/logout`, { headers: { Cookie: tgc } });
    const after = await fetch(protectedPage, { headers: { Cookie: st }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toContain('/authserver/login?service=');
  });
});
