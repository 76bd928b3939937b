import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { demo, GOOD_PASSWORD } from '../../support/activation.ts';
import { latestCodeTo, TEST_API_TOKEN } from '../../support/portal.ts';
import { casLogin, pathOf, post, wecomServer, type WecomServer } from '../../support/wecom.ts';

const ZHANG = { uid: demo.zhang.candidateNo, password: GOOD_PASSWORD };

describe('instance B’s WeCom app signs in against portal A’s CAS server, over HTTP only', () => {
  let a: WecomServer;
  let b: WecomServer;
  beforeAll(async () => {
    a = await wecomServer();
    b = await wecomServer({ WECOM_CAS_BASE_URL: `${a.url}/authserver` });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('walks a candidate of A through all five steps on B, and A’s logout ends B’s session by single logout', async () => {
    const activated = await request(a.portal.app).post(`/api/v1/candidates/${ZHANG.uid}/activate`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)
      .send({ password: GOOD_PASSWORD, phone: '13800005001', email: 'zhangwei@example.com' });
    expect(activated.status).toBe(200);
    // One person's browser: A's cookies for A's host, B's for B's.
    const atA = a.browser();
    const atB = b.browser();

    // 第一步 and 第二步: B sends the browser to A's login and accepts A's ticket.
    expect((await atB.get('/wecom/')).text).toContain('第一步');
    const start = await atB.get('/wecom/activate');
    expect(start.headers.location).toMatch(new RegExp(`^${a.url}/authserver/login\\?service=${encodeURIComponent(`${b.url}/wecom/activate?state=`).replace(/[?]/g, '\\?')}`));
    const back = await casLogin(atA, start.headers.location as string, ZHANG);
    expect(back.headers.location).toMatch(new RegExp(`^${b.url}/wecom/activate\\?state=\\w+&ticket=ST-`));
    const landed = await atB.get(pathOf(back.headers.location as string));
    expect(landed.headers.location).toBe('/wecom/activate/verify');
    const verifyPage = await atB.get('/wecom/activate/verify');
    expect(verifyPage.text).toContain(`<dd id="uid">${ZHANG.uid}</dd>`);
    expect(verifyPage.text).toContain('<dd id="cn">张伟</dd>');
    expect(verifyPage.text).toContain('<dd id="department">信息与通信工程学院</dd>');
    // B knows the candidate only through A: in B's own roster 张伟 is still pending.
    expect(b.portal.store.candidates.findByCandidateNo(ZHANG.uid)?.status).toBe('pending');

    // 第三步 and 第四步 on B, with B's own codes.
    await post(atB, '/wecom/activate/verify/code', { phone: '13900005001' }, '/wecom/activate/verify');
    const verified = await post(atB, '/wecom/activate/verify', { phone: '13900005001', code: latestCodeTo(b.portal, '13900005001') }, '/wecom/activate/verify');
    expect(verified.headers.location).toBe('/wecom/activate/follow');
    expect((await post(atB, '/wecom/activate/follow', {}, '/wecom/activate/follow')).headers.location).toBe('/wecom/activate/follow');

    // 第五步: the notice on B sends the browser to A again, with renew.
    const open = await atB.get('/wecom/inbox/verify');
    expect(open.headers.location).toMatch(new RegExp(`^${a.url}/authserver/login\\?.*renew=true`));
    const again = await casLogin(atA, open.headers.location as string, ZHANG);
    const verifiedAgain = await atB.get(pathOf(again.headers.location as string));
    expect(verifiedAgain.headers.location).toBe('/wecom/inbox/corp');
    expect((await atB.get('/wecom/inbox/corp')).text).toContain('id="message-center"');
    expect(b.portal.wecom.helpdesk.statusOf(ZHANG.uid).status).toBe('verified');

    // A's logout reaches B by a back-channel logoutRequest: B's app session is over.
    expect((await atB.get('/wecom/activate/follow')).status).toBe(200);
    await atA.get('/authserver/logout');
    const after = await atB.get('/wecom/activate/follow');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/wecom\/activate/);
    const deliveries = a.portal.db.prepare("SELECT outcome, params FROM audit WHERE event = 'SLO_DELIVERY'").all() as { outcome: string; params: string }[];
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.outcome === 'ok' && JSON.parse(d.params).url.startsWith(`${b.url}/wecom/`))).toBe(true);
  });
});
