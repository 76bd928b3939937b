import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, messagesOf } from '../../support/portal.ts';
import { A, postForm } from '../../support/activation.ts';
import { auditTrail } from '../../support/activationChecks.ts';

describe('激活须知 (agreement)', () => {
  it('shows the notice, the tick box, the button and a CSRF field', async () => {
    const portal = makePortal();
    const page = await request(portal.app).get(A);
    expect(page.status).toBe(200);
    for (const text of ['激活须知', '我已阅读激活须知', '进入激活', '仅限用于激活企业微信', '手机号、邮箱等个人信息', '15位考生号']) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(page.text).toContain('name="agree"');
  });

  it('without the tick: the error, the same page, and no way on to 身份校验', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const res = await postForm(agent, A, {});
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['请先勾选“我已阅读激活须知”']);
    expect(res.text).toContain('进入激活');
    const identity = await agent.get(`${A}/identity`);
    expect(identity.status).toBe(303);
    expect(identity.headers.location).toBe(A);
    expect(auditTrail(portal)).toEqual(['ACTIVATION_STARTED:error:AGREEMENT_REQUIRED']);
  });

  it('refuses a tick with any other value', async () => {
    const portal = makePortal();
    const res = await postForm(request.agent(portal.app), A, { agree: 'off' });
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['请先勾选“我已阅读激活须知”']);
  });

  it('with the tick: on to 身份校验, recorded as started', async () => {
    const portal = makePortal();
    const agent = request.agent(portal.app);
    const res = await postForm(agent, A, { agree: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${A}/identity`);
    const identity = await agent.get(`${A}/identity`);
    expect(identity.status).toBe(200);
    expect(identity.text).toContain('考生号');
    expect(auditTrail(portal)).toEqual(['ACTIVATION_STARTED:ok:']);
  });
});
