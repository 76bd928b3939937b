import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { logIn, ZHAO } from '../cas/helpers.ts';
import { consoleCsrf, makeConsolePortal, signInAgent } from './consoleSupport.ts';
import type { Agent } from '../../support/portal.ts';

const page = `/console/candidates/${ZHAO.username}`;

async function act(agent: Agent, action: string) {
  return agent.post(`${page}/actions/${action}`).type('form').send({ reason: '考生来电', confirm: '1', _csrf: await consoleCsrf(agent, page) });
}

describe('the console and the CAS login', () => {
  it('shows a login lockout with what the candidate saw, and unlocking lets them log in again', async () => {
    const portal = await makeConsolePortal({ LOGIN_MAX_FAILURES: '3' });
    portal.store.settings.update({ captcha: false });
    const candidate = request.agent(portal.app);
    for (let i = 0; i < 3; i++) await logIn(candidate, { password: 'Wrong#Password1' });
    const locked = await logIn(candidate);
    expect(locked.status).toBe(401);
    expect(locked.text).toContain('账号已冻结，预计解冻时间');

    const staff = await signInAgent(portal);
    const before = (await staff.get(page)).text;
    expect(before).toContain('登录锁定至');
    expect(before).toContain('您提供的用户名或者密码有误');
    // Every locked answer in the timeline names the time the candidate read, the first and the later ones.
    expect(before.match(/账号已冻结，预计解冻时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g)?.length).toBeGreaterThanOrEqual(2);
    expect(before).not.toContain('（未记录）');
    await act(staff, 'unlock');
    // Signed in: the login answers with a redirect instead of the form again.
    expect((await logIn(candidate)).status).toBe(303);
  });

  it('forcing a password reset sends the next login to 忘记密码', async () => {
    const portal = await makeConsolePortal();
    portal.store.settings.update({ captcha: false });
    const staff = await signInAgent(portal);
    await act(staff, 'force-password-reset');
    const res = await logIn(request.agent(portal.app));
    expect(res.status).toBe(403);
    expect(res.text).toContain('您的账号须设置新密码后才能登录，请先通过“忘记密码”设置新密码');
    expect(res.text).not.toContain('管理员重置');
  });

  it('resetting the activation ends the candidate\'s single sign-on session', async () => {
    const portal = await makeConsolePortal();
    portal.store.settings.update({ captcha: false });
    const candidate = request.agent(portal.app);
    expect((await logIn(candidate)).status).toBe(303);
    const zhao = portal.store.candidates.findByCandidateNo(ZHAO.username)!;
    expect(portal.store.ssoSessions.openForCandidate(zhao.id, portal.clock.now())).toHaveLength(1);
    const staff = await signInAgent(portal);
    await act(staff, 'reset-activation');
    expect(portal.store.ssoSessions.openForCandidate(zhao.id, portal.clock.now())).toHaveLength(0);
    expect((await candidate.get('/authserver/login')).text).toContain('name="execution"');
  });
});
