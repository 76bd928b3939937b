import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal, TEST_API_TOKEN } from '../../support/portal.ts';

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };
const UID = '106146510100001';

describe('/api/v1/wecom: the help desk’s view of the WeCom app', () => {
  it('reads 未激活 for a uid the app has never seen, in the candidate and on its own', async () => {
    const portal = makePortal();
    const member = await request(portal.app).get(`/api/v1/wecom/members/${UID}`).set(auth);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ uid: UID, status: 'none', statusText: '未激活', phone: null, needsSecondAuth: null, authNoticeLost: false });
    const candidate = await request(portal.app).get(`/api/v1/candidates/${UID}`).set(auth);
    expect(candidate.body.wecom).toEqual({ status: 'none', phone: null, followedAt: null, verifiedAt: null, groupedAt: null });
    expect((await request(portal.app).get(`/api/v1/wecom/members/${UID}/events`).set(auth)).body).toEqual([]);
  });

  it('switches the training fault on and off, in the member’s timeline, before the member ever signs in', async () => {
    const portal = makePortal();
    const on = await request(portal.app).put(`/api/v1/wecom/members/${UID}/faults/auth_notice_lost`).set(auth);
    expect(on.body.authNoticeLost).toBe(true);
    const off = await request(portal.app).delete(`/api/v1/wecom/members/${UID}/faults/auth_notice_lost`).set(auth);
    expect(off.body.authNoticeLost).toBe(false);
    const events = (await request(portal.app).get(`/api/v1/wecom/members/${UID}/events`).set(auth)).body;
    expect(events.map((e: { actor: string; label: string }) => [e.actor, e.label])).toEqual([
      ['api', '企业微信：训练故障“关注后收不到身份验证消息”'], ['api', '企业微信：训练故障“关注后收不到身份验证消息”'],
    ]);
  });

  it('refuses the 二次认证 flag for an unknown member, bad bodies and malformed uids, and needs the token', async () => {
    const portal = makePortal();
    const unknown = await request(portal.app).put(`/api/v1/wecom/members/${UID}/second-auth`).set(auth).send({ required: false });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 'WECOM_MEMBER_UNKNOWN', message: '该成员尚未进行过企业微信身份验证' });
    const bad = await request(portal.app).put(`/api/v1/wecom/members/${UID}/second-auth`).set(auth).send({ required: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.required).toBeDefined();
    expect((await request(portal.app).get('/api/v1/wecom/members/a%20b').set(auth)).status).toBe(404);
    expect((await request(portal.app).post('/api/v1/wecom/groups').set(auth).send({ department: '' })).status).toBe(400);
    expect((await request(portal.app).get('/api/v1/wecom/groups')).status).toBe(401);
  });
});
