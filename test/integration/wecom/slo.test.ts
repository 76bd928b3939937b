import { describe, expect, it } from 'vitest';
import { logoutRequestXml } from '../../../src/messaging/singleLogout.ts';
import { pathOf, signIn, VERIFY, wecomServerForFile, ZHAO } from '../../support/wecom.ts';

describe('single logout: the CAS server’s back-channel logoutRequest ends the app session', () => {
  const s = wecomServerForFile();

  it('ends the WeCom session when the user logs out at /authserver/logout', async () => {
    const browser = s.browser();
    await signIn(browser);
    expect((await browser.get(VERIFY)).status).toBe(200);
    const logout = await browser.get('/authserver/logout');
    expect(logout.status).toBe(200);
    const after = await browser.get(VERIFY);
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/wecom\/activate/);
    const delivery = s.portal.db.prepare("SELECT outcome, params FROM audit WHERE event = 'SLO_DELIVERY' ORDER BY id DESC").get() as { outcome: string; params: string };
    expect(delivery.outcome).toBe('ok');
    expect(JSON.parse(delivery.params).url).toMatch(/\/wecom\/activate\?state=/);
    const events = s.portal.wecom.helpdesk.timelineOf(ZHAO.uid).map((e) => e.event);
    expect(events.at(-1)).toBe('WECOM_LOGGED_OUT');
  });

  it('answers a logoutRequest for a ticket it does not know the same way, ending nothing', async () => {
    const browser = s.browser();
    await signIn(browser);
    const res = await browser.post('/wecom/activate').type('form').send({ logoutRequest: logoutRequestXml('ST-unknown', ZHAO.uid, Date.now()) });
    expect(res.status).toBe(200);
    expect((await browser.get(VERIFY)).status).toBe(200);
  });

  it('ends only the session the named ticket opened', async () => {
    const one = s.browser();
    const two = s.browser();
    const start = await one.get('/wecom/activate');
    const login = await one.get(pathOf(start.headers.location as string));
    const execution = /name="execution" value="([^"]+)"/.exec(login.text)![1]!;
    const back = await one.post(pathOf(start.headers.location as string)).type('form').send({ username: ZHAO.uid, password: ZHAO.password, execution, agreeProtocol: 'true' });
    const ticket = new URL(back.headers.location as string).searchParams.get('ticket')!;
    await one.get(pathOf(back.headers.location as string));
    await signIn(two);
    const slo = await two.post('/wecom/activate').type('form').send({ logoutRequest: logoutRequestXml(ticket, ZHAO.uid, Date.now()) });
    expect(slo.status).toBe(200);
    expect((await one.get(VERIFY)).status).toBe(303);
    expect((await two.get(VERIFY)).status).toBe(200);
    // The ended session's ticket mapping goes with it, so a repeated logoutRequest finds nothing to end.
    expect(s.portal.db.prepare('SELECT count(*) FROM wecom_cas_logins WHERE ticket = ?').pluck().get(ticket)).toBe(0);
  });
});
