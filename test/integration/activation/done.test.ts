import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal } from '../../support/portal.ts';
import { A, demo, GOOD_PASSWORD, postForm, walkTo } from '../../support/activation.ts';
import { auditTrail, candidate } from '../../support/activationChecks.ts';

describe('完成 (done)', () => {
  it('says the account is active, shows what was bound, masked, and points to WeCom', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'done', { phone: '13800001234', email: 'zhangwei2026@example.com' });
    const page = await agent.get(`${A}/done`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('统一身份认证账号激活完成');
    expect(page.text).toContain('账号 106146510100001（张伟）已激活');
    expect(page.text).toContain('138****1234');
    expect(page.text).toContain('zha***@example.com');
    expect(page.text).not.toContain('13800001234');
    expect(page.text).toContain('href="/guide/wecom"');
    // The guide's 步骤三 in its own words.
    expect(page.text).toContain('无需做任何操作，也无需绑定企业微信邮箱，请耐心等待学院老师建群。');
    expect(page.text).toContain('如长时间未收到群聊相关消息通知，请联系学院招生老师。');
    expect(page.text).toContain('仅限用于激活企业微信使用');
    expect(page.text).toContain('href="/authserver/login"');
    expect(page.text).toMatch(/step-done"><span class="step-no">✓<\/span><span class="step-label">设置密码/);
    expect(page.text).toMatch(/step-current"[^>]*><span class="step-no">5</);
  });

  it('links to a WeCom guide page', async () => {
    const portal = makePortal();
    const guide = await request(portal.app).get('/guide/wecom');
    expect(guide.status).toBe(200);
    expect(guide.text).toContain('企业号&amp;企业微信激活指南');
    expect(guide.text).toContain('第一步');
  });

  it('cannot be reached before the password is set', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'password');
    const res = await agent.get(`${A}/done`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${A}/password`);
  });

  it('keeps a finished session on 完成: the password cannot be set again', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'done');
    const hash = candidate(portal, demo.zhang.candidateNo).password_hash;
    const again = await postForm(agent, `${A}/password`, { password: `${GOOD_PASSWORD}x`, confirmPassword: `${GOOD_PASSWORD}x` }, A);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`${A}/done`);
    expect(candidate(portal, demo.zhang.candidateNo).password_hash).toBe(hash);
    expect(auditTrail(portal).filter((e) => e.startsWith('ACTIVATED'))).toHaveLength(1);
  });

  it('tells a second walk for the same candidate that the account is already active', async () => {
    const portal = makePortal();
    await walkTo(portal, 'done');
    const agent = await walkTo(portal, 'identity');
    const res = await postForm(agent, `${A}/identity`, {
      candidateNo: demo.zhang.candidateNo, name: demo.zhang.name, idType: demo.zhang.idType, idNumber: demo.zhang.idNumber,
    });
    expect(res.text).toContain('该账号已激活，请直接登录或使用忘记密码');
  });
});
