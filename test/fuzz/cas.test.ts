import fc from 'fast-check';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoActivated } from '../../src/data/demoRoster.ts';
import { makePortal, type TestPortal } from '../support/portal.ts';
import {
  settled, encode, expectClearPageError, expectNoRawEcho, fieldShape, formBody, formContentType, hostileValue, tablesChecksum,
  VOLATILE_TABLES, type FieldShape,
} from './hostile.ts';

const RUNS = 60;
// A drawn captcha's answer is stored, and a posted login form's one use is recorded, whatever the input.
const VOLATILE = [...VOLATILE_TABLES, 'captchas', 'login_executions'];
const WECOM = 'http://127.0.0.1:8080/wecom/';
// Guessing limits would answer 429 before the parsers are reached; the fuzzing is about the parsers.
const portalEnv = { FAILED_POSTS_PER_IP_PER_MINUTE: '1000000', LOGIN_MAX_FAILURES_PER_IP: '100000' };

/** A service parameter: hostile text, a look-alike of the registered one, or the registered one. */
const serviceParam = fc.oneof(
  hostileValue.filter((v) => v.length < 3000),
  fc.constantFrom('http://127.0.0.1.evil.example/wecom/', 'http://127.0.0.1:8080@evil.example/wecom/', 'https://127.0.0.1/wecom/', 'http://127.0.0.1/wecom', 'javascript:alert(1)//127.0.0.1/wecom/', '//evil.example/wecom/', WECOM),
);

describe('bad input to the CAS login, the protocol endpoints and logout', () => {
  let portal: TestPortal;
  let before: string;
  let patterns: RegExp[];
  beforeAll(async () => {
    portal = makePortal(portalEnv);
    await settled(portal);
    before = tablesChecksum(portal.db, VOLATILE);
    patterns = (portal.db.prepare('SELECT url_pattern FROM services WHERE enabled = 1').pluck().all() as string[]).map((p) => new RegExp(p));
  });
  const unchanged = () => expect(tablesChecksum(portal.db, VOLATILE)).toBe(before);
  /** A redirect goes to this portal or to a registered service, never anywhere a parameter names. */
  const expectNoOpenRedirect = (res: { status: number; headers: Record<string, string> }) => {
    if (res.status < 300 || res.status >= 400) return;
    const target = res.headers.location!.replace(/[?&]ticket=[^&]*$/, '');
    expect(target.startsWith('/') && !target.startsWith('//') || patterns.some((p) => p.test(target)), `redirect to ${target}`).toBe(true);
  };

  it('POST /authserver/login with hostile credentials, tokens and services', async () => {
    const agent = request.agent(portal.app);
    const fields = fc.record({ username: fieldShape, password: fieldShape, captcha: fieldShape, captchaId: fieldShape, _eventId: fieldShape });
    await fc.assert(fc.asyncProperty(fields, fc.option(serviceParam), fc.boolean(), formContentType, async (f, service, freshExecution, type) => {
      const query = service === null ? '' : `?service=${encode(service)}`;
      const page = await agent.get(`/authserver/login${query}`);
      const execution = freshExecution ? /name="execution" value="([^"]*)"/.exec(page.text)?.[1] ?? '' : 'e1s1';
      fc.pre(!(f.username.kind === 'once' && f.username.value === demoActivated.candidateNo));
      const body = formBody(f as Record<string, FieldShape>, undefined, `&execution=${encode(execution)}&agreeProtocol=true`);
      const res = await agent.post(`/authserver/login${query}`).set('content-type', type).send(body);
      expectClearPageError(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('GET /authserver/login with any service, renew, gateway and method: no 500, no open redirect', async () => {
    const agent = request.agent(portal.app);
    const flag = fc.constantFrom('', '&renew=true', '&gateway=true', '&gateway=1&renew=', '&method=POST', '&method=<script>', '&service=x');
    await fc.assert(fc.asyncProperty(serviceParam, flag, async (service, extra) => {
      const res = await agent.get(`/authserver/login?service=${encode(service)}${extra}`);
      expect(res.status).toBeLessThan(500);
      expectNoRawEcho(res);
      expectNoOpenRedirect(res);
      if (res.status >= 400) expectClearPageError(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('every validation endpoint answers any ticket and service with a protocol failure and changes nothing', async () => {
    const endpoint = fc.constantFrom('/authserver/validate', '/authserver/serviceValidate', '/authserver/p3/serviceValidate', '/authserver/proxyValidate', '/authserver/p3/proxyValidate');
    const extra = fc.constantFrom('', '&format=JSON', '&format=XML', '&format=<x>', '&renew=true', '&pgtUrl=https://evil.example/', '&ticket=ST-1');
    const ticket = fc.oneof(hostileValue.filter((v) => v.length < 3000), fc.stringMatching(/^ST-[A-Za-z0-9-]{1,60}$/));
    await fc.assert(fc.asyncProperty(endpoint, fc.option(serviceParam), fc.option(ticket), extra, async (path, service, t, more) => {
      const params = [service === null ? '' : `service=${encode(service)}`, t === null ? '' : `ticket=${encode(t)}`].filter(Boolean).join('&');
      const res = await request(portal.app).get(`${path}?${params}${more}`);
      expect(res.status).toBeLessThan(500);
      const type = String(res.headers['content-type']);
      if (type.startsWith('application/json')) expect(JSON.parse(res.text).serviceResponse.authenticationFailure.code).toMatch(/^[A-Z_]+$/);
      else if (path === '/authserver/validate') expect(res.text).toBe('no\n\n');
      else {
        expect(res.text).toContain('<cas:authenticationFailure');
        expectNoRawEcho(res);
      }
      unchanged();
    }), { numRuns: RUNS });
  });

  it('logout with any service redirects only to a registered one', async () => {
    await fc.assert(fc.asyncProperty(serviceParam, async (service) => {
      const res = await request(portal.app).get(`/authserver/logout?service=${encode(service)}`);
      expect(res.status).toBeLessThan(500);
      expectNoRawEcho(res);
      expectNoOpenRedirect(res);
      unchanged();
    }), { numRuns: RUNS });
  });

  it('getDynamicCode.htl and the slider endpoints answer any input with their JSON or the page, sending nothing', async () => {
    const fields = fc.record({ mobile: fieldShape, username: fieldShape, captcha: fieldShape, captchaId: fieldShape, canvasLength: fieldShape, moveLength: fieldShape });
    const path = fc.constantFrom('/authserver/dynamicCode/getDynamicCode.htl', '/authserver/common/verifySliderCaptcha.htl');
    const accept = fc.constantFrom('application/json', 'text/html', '*/*');
    await fc.assert(fc.asyncProperty(path, fields, formContentType, accept, async (target, f, type, wants) => {
      const res = await request(portal.app).post(target).set('content-type', type).set('accept', wants).send(formBody(f as Record<string, FieldShape>, undefined));
      expect(res.status).toBeLessThan(500);
      expectNoRawEcho(res);
      if (String(res.headers['content-type']).startsWith('application/json')) expect(typeof (res.body.code ?? res.body.errorCode)).not.toBe('undefined');
      else if (res.status >= 400) expectClearPageError(res);
      expect(portal.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(0);
      unchanged();
    }), { numRuns: RUNS });
    await fc.assert(fc.asyncProperty(hostileValue.filter((v) => v.length < 3000), async (id) => {
      const res = await request(portal.app).get(`/authserver/common/openSliderCaptcha.htl?captchaId=${encode(id)}`);
      expect([200, 400]).toContain(res.status);
    }), { numRuns: RUNS });
  });

  it('checkNeedCaptcha answers JSON for any user name', async () => {
    await fc.assert(fc.asyncProperty(hostileValue.filter((v) => v.length < 3000), async (username) => {
      const res = await request(portal.app).get(`/authserver/checkNeedCaptcha.htl?username=${encode(username)}`);
      expect(res.status).toBe(200);
      expect(typeof res.body.isNeed).toBe('boolean');
    }), { numRuns: RUNS });
  });

  it('a candidate logging in with a hostile password is refused, the account untouched', async () => {
    await fc.assert(fc.asyncProperty(hostileValue, async (password) => {
      fc.pre(password !== demoActivated.password);
      const agent = request.agent(portal.app);
      const page = await agent.get(`/authserver/login?service=${encode(WECOM)}`);
      const execution = /name="execution" value="([^"]*)"/.exec(page.text)![1]!;
      const res = await agent.post(`/authserver/login?service=${encode(WECOM)}`).type('form').send(`username=${demoActivated.candidateNo}&password=${encode(password)}&execution=${execution}&agreeProtocol=true&_eventId=submit`);
      expectClearPageError(res);
      unchanged();
    }), { numRuns: 20 });
  });
});
