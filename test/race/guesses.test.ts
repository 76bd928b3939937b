// Bursts of parallel guesses at the identity check, 忘记密码's look-up and a code, against a listening server:
// however the requests interleave, no more answers are checked than the limits allow.
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIVATION, csrfIn, noticesIn, Visitor } from '../../scripts/portalClient.ts';
import { demo } from '../support/activation.ts';
import { listen } from '../support/listen.ts';
import { latestCodeTo, makePortal, type TestPortal } from '../support/portal.ts';

const RECOVERY = '/retrieve-password/passwordRetrieve';
let server: Awaited<ReturnType<typeof listen>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(env: Record<string, string> = {}) {
  const portal = makePortal(env);
  server = await listen(portal);
  return { portal, url: server.url };
}

const count = (portal: TestPortal, sql: string) => portal.db.prepare(sql).pluck().get() as number;

describe('parallel guesses at 身份校验', () => {
  it('20 wrong identities and the right one at once: at most IDENTITY_MAX_FAILURES checked, the number locks', async () => {
    const { portal, url } = await serve({ CAPTCHA_ENABLED: 'false' });
    const zhang = demo.zhang;
    const names = [...Array.from({ length: 20 }, (_, i) => `张错${i}`), zhang.name];
    const visitors = await Promise.all(names.map(async () => {
      const v = new Visitor(url);
      await v.submit(ACTIVATION, { agree: 'on' });
      return { v, csrf: csrfIn((await v.get(`${ACTIVATION}/identity`)).text) };
    }));
    const replies = await Promise.all(visitors.map(({ v, csrf }, i) => v.postForm(`${ACTIVATION}/identity`, {
      candidateNo: zhang.candidateNo, name: names[i]!, idType: zhang.idType, idNumber: zhang.idNumber, _csrf: csrf,
    })));

    expect(count(portal, `SELECT COUNT(*) FROM audit WHERE code = 'IDENTITY_MISMATCH'`)).toBeLessThanOrEqual(portal.config.limits.identityMaxFailuresPerCandidate);
    const right = replies.at(-1)!;
    expect(right.status).toBe(429);
    expect(noticesIn(right.text)[0]).toMatch(/^该考生号校验失败次数过多，已被锁定，预计解锁时间：/);
    expect(replies.filter((r) => r.status === 303)).toEqual([]);
    expect(count(portal, `SELECT COUNT(*) FROM audit WHERE event = 'IDENTITY_CHECK' AND outcome = 'ok'`)).toBe(0);
  });
});

describe('parallel look-ups in 忘记密码', () => {
  it('15 failed look-ups at once in one session: at most IDENTITY_MAX_FAILURES_PER_SESSION checked, then refused', async () => {
    const { portal, url } = await serve({ CAPTCHA_ENABLED: 'false' });
    const v = new Visitor(url);
    const csrf = csrfIn((await v.get(RECOVERY)).text);
    const replies = await Promise.all(Array.from({ length: 15 }, (_, i) => v.postForm(RECOVERY, { username: `1061465101999${String(i).padStart(2, '0')}`, _csrf: csrf })));

    const limit = portal.config.limits.identityMaxFailuresPerSession;
    expect(count(portal, `SELECT COUNT(*) FROM audit WHERE code = 'RECOVERY_ACCOUNT_UNKNOWN'`)).toBeLessThanOrEqual(limit);
    expect(replies.filter((r) => noticesIn(r.text).includes('校验失败次数过多，请关闭浏览器后稍后再试'))).toHaveLength(15 - limit);
  });
});

describe('parallel guesses at one SMS code', () => {
  it('20 wrong codes and the right one at once: at most CODE_MAX_ATTEMPTS compared, nothing bound', async () => {
    // A scripted client: captchas off, as test automation does.
    const { portal, url } = await serve({ CAPTCHA_ENABLED: 'false' });
    const v = new Visitor(url);
    const zhang = demo.zhang;
    await v.submit(ACTIVATION, { agree: 'on' });
    await v.submit(`${ACTIVATION}/identity`, { candidateNo: zhang.candidateNo, name: zhang.name, idType: zhang.idType, idNumber: zhang.idNumber });
    const phone = '13800138123';
    await v.submit(`${ACTIVATION}/phone`, { phone }, `${ACTIVATION}/phone/code`);
    const right = latestCodeTo(portal, phone);
    const codes = [...Array.from({ length: 20 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0')), right];
    const csrf = csrfIn((await v.get(`${ACTIVATION}/phone`)).text);
    const replies = await Promise.all(codes.map((code) => v.postForm(`${ACTIVATION}/phone`, { phone, code, _csrf: csrf })));

    expect(count(portal, `SELECT COUNT(*) FROM attempts WHERE kind = 'code'`)).toBeLessThanOrEqual(portal.config.limits.codeMaxAttempts);
    expect(replies.filter((r) => r.status === 303)).toEqual([]);
    expect(noticesIn(replies.at(-1)!.text)).toContain('验证码错误次数过多，请重新获取');
    expect(portal.store.candidates.findByCandidateNo(zhang.candidateNo)!.phone).toBeNull();
  });
});
