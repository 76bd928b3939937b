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
    const answers = [
      await browser.get('/authserver/login'),
      await browser.get('/authserver/login?service=http%3A%2F%2Fevil.example%2F'),
      await request(portal.app).get(`/authserver/p3/serviceValidate?service=${svc(WECOM)}&ticket=${ticket}`),
      await request(portal.app).get('/authserver/validate?service=x&ticket=y'),
      await request(portal.app).get(`/authserver/checkNeedCaptcha.htl?username=${ZHAO.username}`),
      await request(portal.app).get('/retrieve-password/passwordRetrieve'),
      await request(portal.app).get('/retrieve-password/accountActivation'),
      await request(portal.app).get(`/api/v1/candidates/${ZHAO.username}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`),
      await request(portal.app).get('/api/v1/services'),
      await request(portal.app).get('/console/login'),
      await request(portal.app).get('/wecom/'),
      await request(portal.app).get('/no/such/page'),
      await browser.get('/authserver/logout'),
    ];
    for (const answer of answers) expect([answer.req.path, answer.headers['cache-control']]).toEqual([answer.req.path, 'no-store']);
  });

  it('leaves static files cacheable', async () => {
    const res = await request(makePortal().app).get('/public/css/portal.css');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=/);
  });
});
