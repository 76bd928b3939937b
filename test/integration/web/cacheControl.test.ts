import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';
import { logIn, svc, ticketIn, WECOM, ZHAO } from '../cas/helpers.ts';

// Pages, validation answers and API answers carry personal data or live codes: no browser or proxy keeps them.

describe('Cache-Control', () => {
  it('is no-store on every dynamic answer', async () => {
    const portal = makePortal();
    const browser = request.agent(portal.app);
    const ticket = ticketIn((await logIn(browser, { query: `?service=${svc(WECOM)}` })).headers.location);
    const answers: [string, request.Response][] = [
      ['login page', await browser.get('/authserver/login')],
      ['unregistered service', await browser.get('/authserver/login?service=http%3A%2F%2Fevil.example%2F')],
      ['CAS 3.0 validation', await request(portal.app).get(`/authserver/p3/serviceValidate?service=${svc(WECOM)}&ticket=${ticket}`)],
      ['CAS 1.0 validation', await request(portal.app).get('/authserver/validate?service=x&ticket=y')],
      ['captcha question', await request(portal.app).get(`/authserver/checkNeedCaptcha.htl?username=${ZHAO.username}`)],
      ['忘记密码', await request(portal.app).get('/retrieve-password/passwordRetrieve')],
      ['账号激活', await request(portal.app).get('/retrieve-password/accountActivation')],
      ['API candidate', await request(portal.app).get(`/api/v1/candidates/${ZHAO.username}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)],
      ['API refusal', await request(portal.app).get('/api/v1/services')],
      ['console login', await request(portal.app).get('/console/login')],
      ['WeCom', await request(portal.app).get('/wecom/')],
      ['not found', await request(portal.app).get('/no/such/page')],
      ['logout', await browser.get('/authserver/logout')],
    ];
    for (const [what, answer] of answers) expect([what, answer.headers['cache-control']]).toEqual([what, 'no-store']);
    // Nothing kept is ever revalidated, so no answer carries an ETag to revalidate with.
    for (const [what, answer] of answers) expect([what, answer.headers.etag]).toEqual([what, undefined]);
  });

  it('leaves static files cacheable', async () => {
    const res = await request(makePortal().app).get('/public/css/portal.css');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=/);
    expect(res.headers.etag).toMatch(/^W\/"/);
  });
});
