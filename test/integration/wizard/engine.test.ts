import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { activationSteps } from '../../../src/flows/activation/steps.ts';
import { recoverySteps } from '../../../src/flows/recovery/steps.ts';
import { milestonesOf } from '../../../src/wizard/step.ts';
import { TEST_API_TOKEN, csrfFrom, csrfOf, makePortal, messagesOf } from '../../support/portal.ts';
import { A, demo, walkTo } from '../../support/activation.ts';

describe('the step list is the one place that places a step', () => {
  it('numbers the indicator by the labelled steps of the list, in its order', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    const page = await agent.get(`${A}/email`);
    const items = [...page.text.matchAll(/<li class="step step-(\w+)"[^>]*><span class="step-no">([^<]+)<\/span><span class="step-label">([^<]+)</g)]
      .map((m) => `${m[2]} ${m[3]} ${m[1]}`);
    expect(items).toEqual(['✓ 身份校验 done', '✓ 绑定手机 done', '3 绑定邮箱 current', '4 设置密码 todo', '5 完成 todo']);
    expect(page.text).toContain('aria-label="激活步骤"');
  });

  it('gives 忘记密码 its own indicator name', async () => {
    const page = await request(makePortal().app).get('/retrieve-password/passwordRetrieve');
    expect(page.text).toContain('aria-label="找回密码步骤"');
    expect(page.text).not.toContain('aria-label="激活步骤"');
  });

  it('records each form under the event the list names, format errors included', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const token = await csrfOf(agent, `${A}/phone`);
    await agent.post(`${A}/phone/code`).type('form').send({ phone: '12345', _csrf: token });
    await agent.post(`${A}/phone`).type('form').send({ phone: '13800138001', code: 'abc', _csrf: token });
    const rows = portal.db.prepare("SELECT event, code FROM audit WHERE outcome = 'error' ORDER BY id").all();
    expect(rows).toEqual([{ event: 'PHONE_CODE_SENT', code: 'PHONE_FORMAT' }, { event: 'PHONE_BIND', code: 'CODE_FORMAT' }]);
  });

  it('derives the funnel from the milestones of the activation list, in order', () => {
    expect(milestonesOf(activationSteps).map((m) => m.event)).toEqual(['IDENTITY_CHECK', 'PHONE_BIND', 'EMAIL_BIND', 'ACTIVATED']);
    expect(milestonesOf(recoverySteps)).toEqual([]);
  });
});

describe('a request for a later step', () => {
  it('is sent back to the open step, which says why once', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const skip = await agent.get(`${A}/password`);
    expect(skip.status).toBe(303);
    expect(skip.headers.location).toBe(`${A}/phone`);
    const page = await agent.get(`${A}/phone`);
    expect(messagesOf(page.text)).toContain('请按顺序完成激活步骤');
    const again = await agent.get(`${A}/phone`);
    expect(messagesOf(again.text)).not.toContain('请按顺序完成激活步骤');
  });

  it('says nothing to a browser that simply opened a step without having started', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    expect((await agent.get(`${A}/phone`)).headers.location).toBe(A);
    expect(messagesOf((await agent.get(A)).text)).toEqual([]);
  });
});

describe('a candidate deleted while their activation is in progress', () => {
  it('gets the clear start-again page on the next GET and POST, never a 500, and nothing is sent', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const token = await csrfOf(agent, `${A}/phone`);
    const deleted = await request(portal.app).delete(`/api/v1/candidates/${demo.zhang.candidateNo}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    expect(deleted.status).toBe(204);

    const send = await agent.post(`${A}/phone/code`).type('form').send({ phone: '13800138001', _csrf: token });
    expect(send.status).toBe(400);
    expect(messagesOf(send.text)).toEqual(['您的考生信息已变更，请重新开始激活']);
    expect(send.text).toContain('我已阅读激活须知');
    expect(portal.store.outbox.listTo('13800138001', 5)).toEqual([]);
    // The dropped progress stays dropped.
    const page = await agent.get(`${A}/phone`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(A);
  });

  it('is the same for a GET of the open step', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    await request(portal.app).delete(`/api/v1/candidates/${demo.zhang.candidateNo}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    const page = await agent.get(`${A}/email`);
    expect(page.status).toBe(400);
    expect(messagesOf(page.text)).toEqual(['您的考生信息已变更，请重新开始激活']);
  });
});

describe('an account deleted while its 忘记密码 is in progress', () => {
  it('gets the start-again page instead of an error', async () => {
    const portal = makePortal();
    const R = '/retrieve-password/passwordRetrieve';
    const agent = request.agent(portal.app);
    const form = await agent.get(R);
    const captchaId = /name="captchaId" value="([^"]+)"/.exec(form.text)![1]!;
    await agent.get(`/retrieve-password/generateCaptcha?ltId=${captchaId}`);
    const account = await agent.post(R).type('form')
      .send({ username: demo.zhao.candidateNo, captcha: portal.store.captchas.peek(captchaId)!, captchaId, _csrf: csrfFrom(form.text) });
    expect(account.headers.location).toBe(`${R}/verify`);
    await request(portal.app).delete(`/api/v1/candidates/${demo.zhao.candidateNo}`).set('Authorization', `Bearer ${TEST_API_TOKEN}`);
    const page = await agent.get(`${R}/verify`);
    expect(page.status).toBe(400);
    expect(messagesOf(page.text)).toEqual(['该账号信息已变更，请重新开始找回密码']);
  });
});
