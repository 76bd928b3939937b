// A burst of parallel look-ups of another member's number in the WeCom app's 第三步, from two browsers of the same
// member, against a listening server: however the requests interleave, no more than the limit are answered "taken".
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { demo, GOOD_PASSWORD } from '../support/activation.ts';
import { TEST_API_TOKEN } from '../support/portal.ts';
import { csrfAt, signIn, textOfPage, VERIFY, verifyPhone, wecomServer, type WecomServer } from '../support/wecom.ts';

let s: WecomServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('parallel "taken" answers in the WeCom app', () => {
  it('40 look-ups of a held number at once: CONTACT_TAKEN_MAX_ANSWERS − 1 answered "taken", every other one the lock', async () => {
    s = await wecomServer();
    const held = '13900008001';
    const holder = s.browser();
    await signIn(holder);
    expect((await verifyPhone(holder, s.portal, held)).status).toBe(303);
    await request(s.portal.app).post(`/api/v1/candidates/${demo.zhou.candidateNo}/activate`).set('Authorization', `Bearer ${TEST_API_TOKEN}`)
      .send({ password: GOOD_PASSWORD, phone: '13700008002', email: 'zhoujie@example.com' });
    const browsers = [s.browser(), s.browser()];
    const tokens: string[] = [];
    for (const b of browsers) {
      await signIn(b, { uid: demo.zhou.candidateNo, password: GOOD_PASSWORD });
      tokens.push(await csrfAt(b, VERIFY));
    }

    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => {
      const b = browsers[i % 2]!;
      const path = i % 4 < 2 ? `${VERIFY}/code` : VERIFY;
      return b.post(path).type('form').send({ phone: held, code: '123456', _csrf: tokens[i % 2]! });
    }));

    const max = s.portal.config.limits.contactTakenMaxAnswers;
    const pages = replies.map((r) => textOfPage(r.text));
    expect(pages.filter((p) => p.includes('该手机号已绑定企业号的其他成员'))).toHaveLength(max - 1);
    expect(pages.filter((p) => p.includes('绑定校验失败次数过多，请30分钟后再试'))).toHaveLength(40 - (max - 1));
    expect(s.portal.db.prepare('SELECT COUNT(*) FROM wecom_taken_answers WHERE uid = ?').pluck().get(demo.zhou.candidateNo)).toBe(max);
    // No code went to the held number but the one its holder verified it with.
    expect(s.portal.store.outbox.listTo(held)).toHaveLength(1);
  });
});
