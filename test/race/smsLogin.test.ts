// A burst of 短信登录 posts guessing one code, against a listening server: however they interleave, no more codes
// are compared than CODE_MAX_ATTEMPTS, and none starts an SSO session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Visitor } from '../../scripts/portalClient.ts';
import { demoActivated } from '../../src/data/demoRoster.ts';
import { listen } from '../support/listen.ts';
import { latestCodeTo, makePortal, type TestPortal } from '../support/portal.ts';

describe('parallel guesses at one 短信登录 code', () => {
  let portal: TestPortal;
  let server: Awaited<ReturnType<typeof listen>>;
  // Scripted clients: captchas off, as test automation does.
  beforeAll(async () => {
    portal = makePortal({ CAPTCHA_ENABLED: 'false' });
    server = await listen(portal);
  });
  afterAll(() => server.close());

  it('20 wrong codes at once: at most CODE_MAX_ATTEMPTS compared, and the right one after them is refused', async () => {
    const phone = demoActivated.phone;
    const sent = await new Visitor(server.url).postForm('/authserver/dynamicCode/getDynamicCode.htl', { mobile: phone });
    expect(JSON.parse(sent.text).code).toBe('success');
    const right = latestCodeTo(portal, phone);
    const codes = [...Array.from({ length: 20 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0')), right];
    // Each guess in its own browser with its own one-time form, so only the code limit stands in the way.
    const forms = await Promise.all(codes.map(async (code) => {
      const v = new Visitor(server.url);
      const page = await v.get('/authserver/login?type=dynamicLogin');
      const execution = /id="phoneExecution" name="execution" value="([^"]+)"/.exec(page.text)![1]!;
      return { v, form: { username: phone, dynamicCode: code, cllt: 'dynamicLogin', agreeProtocol: 'true', _eventId: 'submit', execution } };
    }));
    const [rightForm] = forms.splice(-1);
    const replies = await Promise.all(forms.map(({ v, form }) => v.postForm('/authserver/login', form)));
    expect(portal.db.prepare("SELECT COUNT(*) FROM attempts WHERE kind = 'code'").pluck().get()).toBeLessThanOrEqual(portal.config.limits.codeMaxAttempts);
    expect(replies.filter((r) => r.status === 303 || r.status === 302)).toEqual([]);
    // The burst used the code up: the right one, right after it, no longer opens a session.
    const late = await rightForm!.v.postForm('/authserver/login', rightForm!.form);
    expect(late.status).toBe(401);
    expect(portal.db.prepare('SELECT COUNT(*) FROM sso_sessions').pluck().get()).toBe(0);
  });
});
