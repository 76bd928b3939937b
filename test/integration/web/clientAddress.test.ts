import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal } from '../../support/portal.ts';
import { logIn } from '../cas/helpers.ts';

// The client address keys every per-address limit and is written into the audit log.

async function failedLoginFrom(env: Record<string, string>, forwardedFor: string) {
  const portal = makePortal(env);
  const agent = request.agent(portal.app).set('X-Forwarded-For', forwardedFor);
  const res = await logIn(agent, { password: 'wrong-password' });
  expect(res.text).toContain('您提供的用户名或者密码有误');
  return (portal.db.prepare("SELECT ip FROM audit WHERE event = 'LOGIN' ORDER BY id DESC LIMIT 1").get() as { ip: string }).ip;
}

describe('X-Forwarded-For', () => {
  it('is ignored by default, even from a loopback peer: a client cannot choose its own address', async () => {
    const ip = await failedLoginFrom({}, '203.0.113.9');
    expect(ip).not.toContain('203.0.113.9');
    expect(ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('is read from the peers TRUST_PROXY names', async () => {
    expect(await failedLoginFrom({ TRUST_PROXY: 'loopback' }, '203.0.113.9')).toBe('203.0.113.9');
    // Only the hop the trusted proxy added counts; what the client wrote before it does not.
    expect(await failedLoginFrom({ TRUST_PROXY: '1' }, '198.51.100.7, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('keeps being ignored for a peer outside TRUST_PROXY', async () => {
    expect(await failedLoginFrom({ TRUST_PROXY: '10.0.0.0/8' }, '203.0.113.9')).not.toContain('203.0.113.9');
  });
});
