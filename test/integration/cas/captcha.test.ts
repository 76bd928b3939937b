import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, messagesOf, TEST_API_TOKEN } from '../../support/portal.ts';
import { loginPage, logIn, solveCaptcha, ZHAO } from './helpers.ts';

const need = async (agent: ReturnType<typeof request.agent>, username: string) =>
  (await agent.get(`/authserver/checkNeedCaptcha.htl?username=${username}&_=1`)).body;

describe('image captcha on the login form', () => {
  it('is needed after 3 failures of one user name, known or not', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    expect(await need(agent, ZHAO.username)).toEqual({ isNeed: false });
    for (const username of [ZHAO.username, '106146510199999']) {
      for (let i = 0; i < 3; i++) await logIn(agent, { username, password: `Wrong#${i}` });
      expect(await need(agent, username)).toEqual({ isNeed: true });
    }
    const page = await loginPage(agent);
    expect(page.text).toContain('id="captchaDiv"');
  });

  it('then demands the captcha, uses each image once, and accepts the right answer', async () => {
    // Missing and wrong captchas count as failed logins too; a higher limit keeps this walk short of the lock.
    const portal = makePortal({ LOGIN_MAX_FAILURES: '10' });
    const agent = request.agent(portal.app);
    for (let i = 0; i < 3; i++) await logIn(agent, { password: `Wrong#${i}` });
    const missing = await logIn(agent);
    expect(messagesOf(missing.text)).toEqual(['请输入验证码']);
    const wrong = await logIn(agent, { captcha: 'zzzz' });
    expect(messagesOf(wrong.text)).toEqual(['图形动态码错误']);
    expect(wrong.text).toMatch(/<img id="captchaImg" class="captcha-img" src="\/authserver\/getCaptcha\.htl\?ltId=[A-Za-z0-9]{16}"/);

    const page = await loginPage(agent);
    const answer = await solveCaptcha(agent, portal, page.captchaId);
    expect(answer).toMatch(/^[a-z0-9]{4}$/);
    const replayed = await agent.post('/authserver/login').type('form').send({ username: ZHAO.username, password: 'Wrong#x', captcha: answer, captchaId: page.captchaId, execution: page.execution, agreeProtocol: 'true' });
    expect(messagesOf(replayed.text)).toEqual(['您提供的用户名或者密码有误']);
    const again = await loginPage(agent);
    const reused = await agent.post('/authserver/login').type('form').send({ username: ZHAO.username, password: ZHAO.password, captcha: answer, captchaId: page.captchaId, execution: again.execution, agreeProtocol: 'true' });
    expect(messagesOf(reused.text)).toEqual(['图形动态码错误']);

    const ok = await logIn(agent, { captcha: 'solve', portal });
    expect(ok.status).toBe(303);
  });

  it('serves an SVG image that is never cached, and refuses a malformed id', async () => {
    const portal = makePortal();
    const image = await request(portal.app).get('/authserver/getCaptcha.htl?ltId=abcdefghijklmnop');
    expect(image.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(image.headers['cache-control']).toBe('no-store');
    expect(String(image.body ?? image.text)).toContain('<svg');
    expect((await request(portal.app).get('/authserver/getCaptcha.htl?ltId=../x')).status).toBe(400);
  });

  it('can be switched off by the test-automation API', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    for (let i = 0; i < 3; i++) await logIn(agent, { password: `Wrong#${i}` });
    await request(portal.app).put('/api/v1/settings').set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({ captcha: false });
    expect(await need(agent, ZHAO.username)).toEqual({ isNeed: false });
    expect((await logIn(agent)).status).toBe(303);
  });
});
