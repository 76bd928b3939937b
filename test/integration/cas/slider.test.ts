import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { demoActivated } from '../../../src/data/demoRoster.ts';
import { makePortal, messagesOf, type Agent, type TestPortal } from '../../support/portal.ts';
import { loginPage, ZHAO } from './helpers.ts';

const OPEN = '/authserver/common/openSliderCaptcha.htl';
const VERIFY = '/authserver/common/verifySliderCaptcha.htl';
const ID = 'abcdefghijklmnop';

/** Where the hole is, as the trainer's tool (or a script looking at the picture) finds it. */
const holeOf = (portal: TestPortal, id: string) => Number(/^slider:(\d+)$/.exec(portal.store.captchas.peek(id) ?? '')?.[1]);

function pngSize(base64: string): { width: number; height: number } {
  const png = Buffer.from(base64, 'base64');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function solveSlider(agent: Agent, portal: TestPortal, id: string) {
  await agent.get(`${OPEN}?captchaId=${id}&_=1`);
  return agent.post(VERIFY).type('form').send({ captchaId: id, canvasLength: '280', moveLength: String(holeOf(portal, id)) });
}

describe('UESTC\'s slider captcha', () => {
  it('openSliderCaptcha.htl answers {bigImage, smallImage, tagWidth, yHeight} with two PNG pictures, never cached', async () => {
    const portal = makePortal();
    const res = await request(portal.app).get(`${OPEN}?captchaId=${ID}&_=1`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['bigImage', 'smallImage', 'tagWidth', 'yHeight']);
    expect(pngSize(res.body.bigImage)).toEqual({ width: 280, height: 155 });
    expect(pngSize(res.body.smallImage)).toEqual({ width: 44, height: 44 });
    expect(res.body.tagWidth).toBe(44);
    expect(res.body.yHeight).toBeGreaterThanOrEqual(0);
    expect(res.body.yHeight).toBeLessThanOrEqual(155 - 44);
    // The answer is the hole's place, kept on the server only.
    expect(holeOf(portal, ID)).toBeGreaterThan(44);
    expect(JSON.stringify(res.body)).not.toContain(`slider:${holeOf(portal, ID)}`);
    expect((await request(portal.app).get(`${OPEN}?captchaId=../x`)).status).toBe(400);
  });

  it('verifySliderCaptcha.htl passes a piece dropped within the tolerance, scaled from the width the page drew', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    expect((await solveSlider(agent, portal, ID)).body).toEqual({ errorCode: 1, errorMsg: 'success' });

    await agent.get(`${OPEN}?captchaId=${ID}`);
    const hole = holeOf(portal, ID);
    // Drawn 320 px wide on the page: the piece moved 320/280 as far.
    const scaled = await agent.post(VERIFY).type('form').send({ captchaId: ID, canvasLength: '320', moveLength: String(Math.round(((hole + 5) * 320) / 280)) });
    expect(scaled.body.errorCode).toBe(1);
  });

  it('fails a piece dropped too far off, and allows one try per puzzle', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await agent.get(`${OPEN}?captchaId=${ID}`);
    const hole = holeOf(portal, ID);
    const off = await agent.post(VERIFY).type('form').send({ captchaId: ID, canvasLength: '280', moveLength: String(hole + 7) });
    expect(off.body).toEqual({ errorCode: 0, errorMsg: '验证失败，请重新拖动滑块' });
    const again = await agent.post(VERIFY).type('form').send({ captchaId: ID, canvasLength: '280', moveLength: String(hole) });
    expect(again.body.errorCode).toBe(0);
    for (const form of [{}, { captchaId: ID }, { captchaId: ID, canvasLength: 'x', moveLength: '1' }, { captchaId: ID, canvasLength: '280', moveLength: '-3' }]) {
      await agent.get(`${OPEN}?captchaId=${ID}`);
      expect((await agent.post(VERIFY).type('form').send(form)).body.errorCode).toBe(0);
    }
  });

  it('takes CAPTCHA_SLIDER_TOLERANCE_PX', async () => {
    const portal = makePortal({ CAPTCHA_SLIDER_TOLERANCE_PX: '10' });
    const agent = request.agent(portal.app);
    await agent.get(`${OPEN}?captchaId=${ID}`);
    expect((await agent.post(VERIFY).type('form').send({ captchaId: ID, canvasLength: '280', moveLength: String(holeOf(portal, ID) - 9) })).body.errorCode).toBe(1);
  });

  it('stands in, once, for the login\'s captcha once a user name needs one', async () => {
    // Missing captchas count as failed logins too; a higher limit keeps this walk short of the lock.
    const portal = makePortal({ LOGIN_MAX_FAILURES: '10' });
    const agent = request.agent(portal.app);
    const post = (page: Awaited<ReturnType<typeof loginPage>>, password: string) => agent.post('/authserver/login').type('form')
      .send({ username: ZHAO.username, password, captcha: '', captchaId: page.captchaId, execution: page.execution, agreeProtocol: 'true', cllt: 'userNameLogin' });
    for (let i = 0; i < 3; i++) await post(await loginPage(agent), `Wrong#${i}`);
    const unsolved = await post(await loginPage(agent), ZHAO.password);
    expect(messagesOf(unsolved.text)).toEqual(['请输入验证码']);

    const page = await loginPage(agent);
    expect((await solveSlider(agent, portal, page.captchaId)).body.errorCode).toBe(1);
    const wrong = await post(page, 'Wrong#3');
    expect(messagesOf(wrong.text)).toEqual(['您提供的用户名或者密码有误']);
    // Used by that try: the next post of the same id needs a new slider.
    const next = await loginPage(agent);
    const reused = await agent.post('/authserver/login').type('form')
      .send({ username: ZHAO.username, password: ZHAO.password, captcha: '', captchaId: page.captchaId, execution: next.execution, agreeProtocol: 'true' });
    expect(messagesOf(reused.text)).toEqual(['请输入验证码']);

    const last = await loginPage(agent);
    await solveSlider(agent, portal, last.captchaId);
    expect((await post(last, ZHAO.password)).status).toBe(303);
  });

  it('an unsolved slider is no answer to the image captcha of its id', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await agent.get(`${OPEN}?captchaId=${ID}`);
    expect(portal.store.captchas.peek(ID)).toMatch(/^slider:\d+$/);
    const res = await agent.post('/authserver/dynamicCode/getDynamicCode.htl').type('form').send({ mobile: demoActivated.phone, captcha: portal.store.captchas.peek(ID)!, captchaId: ID });
    expect(res.body).toEqual({ code: 'captchaError', message: '图形动态码错误' });
  });

  it('stands in for the fresh captcha each 短信登录 code needs', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    await solveSlider(agent, portal, ID);
    const res = await agent.post('/authserver/dynamicCode/getDynamicCode.htl').type('form').send({ mobile: demoActivated.phone, captcha: '', captchaId: ID });
    expect(res.body.code).toBe('success');
  });
});
