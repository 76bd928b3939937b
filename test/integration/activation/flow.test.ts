import { describe, expect, it } from 'vitest';
import request from 'supertest';
import argon2 from 'argon2';
import { makePortal, messagesOf } from '../../support/portal.ts';
import { A, demo, GOOD_PASSWORD, walkTo } from '../../support/activation.ts';

describe('the whole activation flow', () => {
  it('activates a candidate end to end and commits everything at once', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'done', { phone: '13912345678', email: 'zhangwei@example.com' });
    const page = await agent.get(`${A}/done`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('统一身份认证账号激活完成');
    expect(page.text).toContain('仅限用于激活企业微信');
    const row = portal.store.candidates.findByCandidateNo(demo.zhang.candidateNo)!;
    expect(row.status).toBe('active');
    expect(row.phone).toBe('13912345678');
    expect(row.email).toBe('zhangwei@example.com');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(row.password_hash!, GOOD_PASSWORD)).toBe(true);
    const events = portal.store.audit.forCandidate(row.id, row.candidate_no).map((e) => `${e.event}:${e.outcome}`);
    expect(events).toEqual(expect.arrayContaining(['IDENTITY_CHECK:ok', 'PHONE_CODE_SENT:ok', 'PHONE_BIND:ok', 'EMAIL_CODE_SENT:ok', 'EMAIL_BIND:ok', 'ACTIVATED:ok']));
  });

  it('redirects / to the login page, which links to 账号激活 below the login button', async () => {
    const portal = makePortal();
    const root = await request(portal.app).get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/authserver/login');
    const login = await request(portal.app).get('/authserver/login');
    expect(login.text.indexOf('账号激活')).toBeGreaterThan(login.text.indexOf('登录</button>'));
    expect(login.text).toContain(`href="${A}"`);
  });

  it('shows every page of the flow with the step indicator', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const page = await agent.get(`${A}/identity`);
    for (const label of ['身份校验', '绑定手机', '绑定邮箱', '设置密码', '完成']) expect(page.text).toContain(label);
    expect(page.text).toMatch(/step-current"[^>]*><span class="step-no">1</);
    expect(messagesOf(page.text)).toEqual([]);
  });
});
