import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { securityHeaderOptions } from '../../../src/web/security.ts';
import { makePortal } from '../../support/portal.ts';
import { logIn, svc, WECOM } from '../cas/helpers.ts';

// helmet decides the portal's security headers once at start (src/web/security.ts): every answer must still carry
// exactly what helmet itself sets on a response, and the login page nothing more or less than before.

/** The headers helmet itself sets, run per request as usual on a bare Express app. */
async function helmetHeaders(overHttps: boolean): Promise<Record<string, string>> {
  const app = express();
  app.use(helmet(securityHeaderOptions(overHttps)));
  app.get('/', (_req, res) => res.end());
  const { headers } = await request(app).get('/');
  const { date: _date, connection: _connection, 'content-length': _length, ...set } = headers;
  return set as Record<string, string>;
}

const pick = (headers: Record<string, unknown>, names: string[]) => Object.fromEntries(names.map((name) => [name, headers[name]]));

describe('security headers', () => {
  for (const overHttps of [false, true]) {
    it(`are the ones helmet sets, on every kind of answer${overHttps ? ' (COOKIE_SECURE: HSTS, upgrade-insecure-requests)' : ''}`, async () => {
      const expected = await helmetHeaders(overHttps);
      expect(expected['content-security-policy']).toBe(
        `default-src 'self';base-uri 'self';font-src 'self' https: data:;frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self'${overHttps ? ';upgrade-insecure-requests' : ''}`,
      );
      expect(expected['strict-transport-security']).toBe(overHttps ? 'max-age=31536000; includeSubDomains' : undefined);
      expect(Object.keys(expected)).toHaveLength(overHttps ? 12 : 11);
      const portal = makePortal(overHttps ? { COOKIE_SECURE: 'true' } : {});
      const kept = makePortal(overHttps ? { COOKIE_SECURE: 'true' } : {});
      kept.app.enable('view cache');
      const answers: [string, request.Response][] = [
        ['login page', await request(portal.app).get('/authserver/login')],
        ['kept login page', await request(kept.app).get('/authserver/login')],
        ['kept login page again', await request(kept.app).get('/authserver/login')],
        ['login refused', await logIn(request.agent(portal.app), { password: 'Wrong#Pass2026' })],
        ['login', await logIn(request.agent(portal.app), { query: `?service=${svc(WECOM)}` })],
        ['static file', await request(portal.app).get('/public/css/portal.css')],
        ['CAS validation', await request(portal.app).get('/authserver/validate?service=x&ticket=y')],
        ['API refusal', await request(portal.app).get('/api/v1/services')],
        ['not found', await request(portal.app).get('/no/such/page')],
        ['账号激活', await request(portal.app).get('/retrieve-password/accountActivation')],
      ];
      for (const [what, answer] of answers) expect([what, pick(answer.headers, Object.keys(expected))]).toEqual([what, expected]);
    });
  }

  it('leave the login page as it was: its headers and its cookie, rendered or kept', async () => {
    const rendered = makePortal();
    const kept = makePortal();
    kept.app.enable('view cache');
    for (const app of [rendered.app, kept.app, kept.app]) {
      const page = await request(app).get('/authserver/login');
      const names = Object.keys(page.headers).filter((name) => !['date', 'connection'].includes(name)).sort();
      expect(names).toEqual([...Object.keys(await helmetHeaders(false)), 'cache-control', 'content-length', 'content-type', 'set-cookie'].sort());
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(Number(page.headers['content-length'])).toBe(Buffer.byteLength(page.text));
      expect(page.headers['set-cookie']).toEqual([expect.stringMatching(/^IDAS_LOGIN=[A-Za-z0-9]{24}; Path=\/authserver; HttpOnly; SameSite=Lax$/)]);
    }
  });
});
