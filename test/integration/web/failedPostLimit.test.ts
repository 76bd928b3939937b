import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { makePortal, messagesOf } from '../../support/portal.ts';
import { logIn, ZHAO } from '../cas/helpers.ts';

// FAILED_POSTS_PER_IP_PER_MINUTE: failed form posts from one address are counted for a minute; past the limit every
// post from it is refused (429 操作过于频繁), while successful posts (a whole exam hall behind one address) never count.

describe('the per-address limit on failed posts', () => {
  it('refuses every post from an address past the limit of failed ones, and leaves its pages alone', async () => {
    const portal = makePortal({ FAILED_POSTS_PER_IP_PER_MINUTE: '3' });
    const agent = request.agent(portal.app);
    for (let i = 0; i < 3; i++) expect((await logIn(agent, { password: 'Wrong#Password1' })).status).toBe(401);
    const right = await logIn(agent);
    expect(right.status).toBe(429);
    expect(messagesOf(right.text)).toEqual(['操作过于频繁，请稍后再试']);
    expect(right.headers['ratelimit-policy']).toMatch(/^"3-in-1min"; q=3; w=60;/);
    expect((await agent.get('/authserver/login')).status).toBe(200);
  });

  it('never counts successful posts: many right logins from one address all go through', async () => {
    const portal = makePortal({ FAILED_POSTS_PER_IP_PER_MINUTE: '3' });
    for (let i = 0; i < 6; i++) {
      const res = await logIn(request.agent(portal.app), { username: ZHAO.username, password: ZHAO.password });
      expect(res.status).toBe(303);
      expect((res.headers['set-cookie'] as unknown as string[]).some((c) => c.startsWith('CASTGC='))).toBe(true);
    }
  });
});
