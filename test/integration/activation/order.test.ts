import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { csrfOf, makePortal, messagesOf, type Agent, type TestPortal } from '../../support/portal.ts';
import { A, demo, GOOD_PASSWORD, walkTo, type StepId } from '../../support/activation.ts';
import { candidate, MINUTE, rowCount } from '../../support/activationChecks.ts';

const URL_OF: Record<StepId, string> = {
  agreement: A, identity: `${A}/identity`, phone: `${A}/phone`, email: `${A}/email`, password: `${A}/password`, done: `${A}/done`,
};
/** A plausible submission for every form, as a crafted request would send it. */
const CRAFTED: [string, Record<string, string>][] = [
  [`${A}/identity`, { candidateNo: demo.zhang.candidateNo, name: demo.zhang.name, idType: demo.zhang.idType, idNumber: demo.zhang.idNumber }],
  [`${A}/phone/code`, { phone: '13800001234' }],
  [`${A}/phone`, { phone: '13800001234', code: '123456' }],
  [`${A}/email/code`, { email: 'crafted@example.com' }],
  [`${A}/email`, { email: 'crafted@example.com', code: '123456' }],
  [`${A}/password`, { password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }],
];
const ORDER: StepId[] = ['agreement', 'identity', 'phone', 'email', 'password', 'done'];

/** Everything a crafted request could have changed. */
function snapshot(portal: TestPortal) {
  return {
    zhang: candidate(portal, demo.zhang.candidateNo),
    outbox: rowCount(portal, 'outbox'),
    challenges: rowCount(portal, 'challenges'),
    audit: rowCount(portal, 'audit'),
  };
}

describe('steps open only in order', () => {
  it('sends a browser without a wizard to 激活须知 from every later step', async () => {
    const portal = makePortal();
    for (const step of ORDER.slice(1)) {
      const res = await request(portal.app).get(URL_OF[step]);
      expect(res.status, step).toBe(303);
      expect(res.headers.location).toBe(A);
    }
  });

  it.each<StepId>(['identity', 'phone', 'email', 'password'])(
    'at %s: every later GET and every crafted later POST is sent back, and nothing changes',
    async (at) => {
      const portal = makePortal();
      const agent = await walkTo(portal, at);
      const token = await csrfOf(agent, URL_OF[at]);
      const before = snapshot(portal);
      for (const step of ORDER.slice(ORDER.indexOf(at) + 1)) {
        const res = await agent.get(URL_OF[step]);
        expect(res.status, `GET ${step}`).toBe(303);
        expect(res.headers.location).toBe(URL_OF[at]);
      }
      const laterForms = CRAFTED.filter(([path]) => ORDER.indexOf(path.split('/')[3] as StepId) > ORDER.indexOf(at));
      for (const [path, form] of laterForms) {
        const res = await agent.post(path).type('form').send({ ...form, _csrf: token });
        expect(res.status, `POST ${path}`).toBe(303);
        expect(res.headers.location).toBe(URL_OF[at]);
      }
      expect(snapshot(portal)).toEqual(before);
      expect((await agent.get(URL_OF[at])).status).toBe(200);
    },
  );
});

describe('a stale activation session', () => {
  it('is refused after ACTIVATION_SESSION_MINUTES with its message, and nothing is sent', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'phone');
    const token = await csrfOf(agent, `${A}/phone`);
    portal.clock.advance(31 * MINUTE);
    const send = await agent.post(`${A}/phone/code`).type('form').send({ phone: '13800001234', _csrf: token });
    expect(send.status).toBe(400);
    expect(messagesOf(send.text)).toEqual(['激活操作已超过30分钟，为保证安全请重新开始激活']);
    expect(send.text).toContain('我已阅读激活须知');
    expect(rowCount(portal, 'outbox')).toBe(0);
    // The old progress is gone: the wizard starts over.
    const phone = await agent.get(`${A}/phone`);
    expect(phone.status).toBe(303);
    expect(phone.headers.location).toBe(A);
  });

  it('uses the configured number of minutes, and a stale password step activates nothing', async () => {
    const portal = makePortal({ ACTIVATION_SESSION_MINUTES: '10' });
    const agent = await walkTo(portal, 'password');
    const token = await csrfOf(agent, `${A}/password`);
    portal.clock.advance(10 * MINUTE + 1);
    const res = await agent.post(`${A}/password`).type('form').send({ password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD, _csrf: token });
    expect(messagesOf(res.text)).toEqual(['激活操作已超过10分钟，为保证安全请重新开始激活']);
    expect(candidate(portal, demo.zhang.candidateNo).status).toBe('pending');
  });

  it('shows the message on a plain GET as well', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'email');
    portal.clock.advance(31 * MINUTE);
    const res = await agent.get(`${A}/email`);
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['激活操作已超过30分钟，为保证安全请重新开始激活']);
  });
});

describe('CSRF', () => {
  const CSRF_TEXT = '页面已过期，请刷新页面后重新提交';
  const post = (agent: Agent, path: string, form: Record<string, string>) => agent.post(path).type('form').send(form);

  it.each<[string, (agent: Agent, other: string) => Record<string, string>]>([
    ['no token', () => ({})],
    ['a made-up token', () => ({ _csrf: 'not-a-token' })],
    ['another browser\'s token', (_agent, other) => ({ _csrf: other })],
  ])('refuses every form with %s: 403, 页面已过期, nothing changes', async (_label, tokenOf) => {
    const portal = makePortal();
    const otherToken = await csrfOf(request.agent(portal.app), A);
    const fresh = request.agent(portal.app);
    await fresh.get(A);
    const agreed = await post(fresh, A, { agree: 'on', ...tokenOf(fresh, otherToken) });
    expect(agreed.status).toBe(403);
    expect(messagesOf(agreed.text)).toEqual([CSRF_TEXT]);
    expect((await fresh.get(`${A}/identity`)).headers.location).toBe(A);

    const agent = await walkTo(portal, 'password');
    const before = snapshot(portal);
    for (const [path, form] of [...CRAFTED, [`${A}/phone/code`, { phone: '13900001234' }] as const]) {
      const res = await post(agent, path, { ...form, ...tokenOf(agent, otherToken) });
      expect(res.status, path).toBe(403);
      expect(messagesOf(res.text)).toEqual([CSRF_TEXT]);
    }
    expect(snapshot(portal)).toEqual(before);
    expect((await agent.get(`${A}/password`)).status).toBe(200);
  });
});
