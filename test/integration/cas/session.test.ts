import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, type TestPortal } from '../../support/portal.ts';
import { logIn, svc, WECOM } from './helpers.ts';

const A = '/retrieve-password/accountActivation';

function sessionRows(portal: TestPortal): string[] {
  return (portal.db.prepare('SELECT sid FROM sessions').pluck().all() as string[]);
}

function sessionCookieOf(res: request.Response): string | undefined {
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('JSESSIONID='))?.split(';')[0];
}

describe('CAS routes without a session cookie', () => {
  it('show the form, log in and validate without making a session', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const form = await agent.get(`/authserver/login?service=${svc(WECOM)}`);
    expect(form.status).toBe(200);
    expect(sessionCookieOf(form)).toBeUndefined();
    const login = await logIn(agent, { query: `?service=${svc(WECOM)}` });
    expect(login.status).toBe(302);
    expect(sessionCookieOf(login)).toBeUndefined();
    const ticket = /ticket=(ST-[A-Za-z0-9-]+)/.exec(login.headers.location!)![1]!;
    const valid = await request(portal.app).get(`/authserver/p3/serviceValidate?service=${svc(WECOM)}&ticket=${ticket}&format=JSON`);
    expect(valid.text).toContain('authenticationSuccess');
    expect(sessionCookieOf(valid)).toBeUndefined();
    expect(sessionRows(portal)).toEqual([]);
  });

  it('still regenerate a wizard session that logs in, so a planted id does not survive', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const before = sessionCookieOf(await agent.get(A));
    expect(before).toBeDefined();
    expect(sessionRows(portal)).toHaveLength(1);
    const login = await logIn(agent, { query: `?service=${svc(WECOM)}` });
    expect(login.status).toBe(302);
    const after = sessionCookieOf(login);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(sessionRows(portal)).not.toContain(decodeURIComponent(before!.slice('JSESSIONID=s:'.length).split('.')[0]!));
  });

  it('go the short way only for the login page without a session cookie or a body: the same page, the same rules', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const started = sessionCookieOf(await agent.get(A));
    // A browser with a wizard session: its session is loaded and its cookie renewed (rolling) on the login page too.
    const form = await agent.get('/authserver/login');
    expect(form.status).toBe(200);
    expect(sessionCookieOf(form)).toBe(started);
    const bare = await request(portal.app).get('/authserver/login');
    const withoutOneTimeValues = (html: string) => html.replace(/value="[^"]*"|ltId=[A-Za-z0-9]+/g, '');
    expect(withoutOneTimeValues(bare.text)).toBe(withoutOneTimeValues(form.text));
    const head = await request(portal.app).head('/authserver/login');
    expect([head.status, head.headers['content-length'], head.headers['content-security-policy']]).toEqual([200, bare.headers['content-length'], bare.headers['content-security-policy']]);
    // A body on a GET still meets the form parser's limits.
    const oversized = await request(portal.app).get('/authserver/login').type('form').send(`x=${'a'.repeat(40_000)}`);
    expect(oversized.status).toBe(413);
    expect(sessionRows(portal)).toHaveLength(1);
  });

  it('leave form posts elsewhere to the CSRF check: 403 and nothing started', async () => {
    const portal = makePortal();
    const res = await request(portal.app).post(A).type('form').send({ agree: 'on' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('页面已过期');
    expect(sessionRows(portal)).toEqual([]);
  });
});
