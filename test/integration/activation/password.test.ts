import { describe, expect, it } from 'vitest';
import { makePortal, messagesOf, type Agent, type TestPortal } from '../../support/portal.ts';
import { A, demo, GOOD_PASSWORD, postForm, walkTo } from '../../support/activation.ts';
import { auditTrail, candidate } from '../../support/activationChecks.ts';

const setPassword = (agent: Agent, password: string, confirmPassword = password) =>
  postForm(agent, `${A}/password`, { password, confirmPassword });

async function expectStillPending(portal: TestPortal, agent: Agent) {
  const row = candidate(portal, demo.zhang.candidateNo);
  expect(row.status).toBe('pending');
  expect(row.password_hash).toBeNull();
  expect(row.activated_at).toBeNull();
  const done = await agent.get(`${A}/done`);
  expect(done.status).toBe(303);
  expect(done.headers.location).toBe(`${A}/password`);
}

// 张伟: 考生号 106146510100001, pinyin zhangwei, 证件号码 …151626, born 20010315.
const RULE_TEXT = {
  PWD_LENGTH: '密码长度为8-32位',
  PWD_NO_SPACE: '不能包含空格',
  PWD_CLASSES: '至少包含大写字母、小写字母、数字、特殊字符中的3种',
  PWD_NO_ACCOUNT: '不能包含考生号',
  PWD_NO_NAME_PINYIN: '不能包含姓名全拼（不区分大小写）',
  PWD_NO_ID_TAIL: '不能包含证件号码后6位',
  PWD_NO_BIRTHDATE: '不能包含出生日期（如19990312）',
  PWD_NO_SEQUENCE: '不能包含3位及以上连续的数字或字母（如123、654、abc）',
  PWD_NO_REPEAT: '不能包含3个及以上连续相同的字符（如aaa、111）',
  PWD_NOT_COMMON: '不能使用常见弱密码（如Aa123456、P@ssw0rd）',
  PWD_STRENGTH: '密码强度需达到“强”',
} as const;
type RuleId = keyof typeof RULE_TEXT;

describe('设置密码', () => {
  it('lists every rule on the page', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'password');
    const page = await agent.get(`${A}/password`);
    expect(page.text).toContain('请为账号 106146510100001（张伟）设置认证登录密码');
    expect(page.text).toContain('<script src="/public/js/strength.js" defer></script>');
    for (const [id, text] of Object.entries(RULE_TEXT)) expect(page.text).toContain(`<li data-rule="${id}" class="rule">${text}</li>`);
  });

  it.each<[string, string, RuleId[]]>([
    ['too short', 'Ab#1x', ['PWD_LENGTH', 'PWD_STRENGTH']],
    ['too long', `Qz#${'Chengdu7Spring'.repeat(3)}`, ['PWD_LENGTH']],
    ['a space', 'Chengdu Spring#26', ['PWD_NO_SPACE']],
    ['one kind of character', 'chengduspringtime', ['PWD_CLASSES']],
    ['the 考生号', 'Xy#106146510100001', ['PWD_NO_ACCOUNT', 'PWD_NO_REPEAT', 'PWD_STRENGTH']],
    ['the name in pinyin', 'ZhangWei#Spring26', ['PWD_NO_NAME_PINYIN']],
    ['the last 6 of the 证件号码', 'Spring#151626Qz', ['PWD_NO_ID_TAIL']],
    ['the birth date', 'Qz#20010315Spring', ['PWD_NO_BIRTHDATE']],
    ['a run like 789', 'Chengdu#Spring789', ['PWD_NO_SEQUENCE']],
    ['a character three times', 'Chengdu#Springaaa1', ['PWD_NO_REPEAT']],
    ['a common password', 'P@ssw0rd', ['PWD_NOT_COMMON', 'PWD_STRENGTH']],
    ['too guessable', 'Qwer#2468', ['PWD_STRENGTH']],
  ])('names the failed rule: %s', async (_label, password, failed) => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'password');
    const res = await setPassword(agent, password);
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['密码不符合以下要求：', ...failed.map((id) => RULE_TEXT[id])]);
    for (const id of Object.keys(RULE_TEXT) as RuleId[]) {
      const marked = res.text.includes(`<li data-rule="${id}" class="rule rule-failed">`);
      expect(marked, id).toBe(failed.includes(id));
    }
    expect(res.text).not.toContain(`value="${password}`);
    await expectStillPending(portal, agent);
    expect(auditTrail(portal).at(-1)).toBe('PASSWORD_SET:error:PASSWORD_WEAK');
  });

  it('refuses two different entries', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'password');
    const res = await setPassword(agent, GOOD_PASSWORD, `${GOOD_PASSWORD}x`);
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['两次输入的密码不一致']);
    await expectStillPending(portal, agent);
    expect(auditTrail(portal).at(-1)).toBe('PASSWORD_SET:error:PASSWORD_MISMATCH');
  });

  it('asks for both entries', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'password');
    const res = await setPassword(agent, '', '');
    expect(messagesOf(res.text)).toEqual(['请输入密码', '请再次输入密码']);
    await expectStillPending(portal, agent);
    expect(auditTrail(portal).at(-1)).toBe('PASSWORD_SET:error:PASSWORD_REQUIRED');
  });

  it('activates the account with an argon2id hash, the bound phone and email, in one go', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'password', { phone: '13912345678', email: 'zw@example.com' });
    const res = await setPassword(agent, GOOD_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${A}/done`);
    const row = candidate(portal, demo.zhang.candidateNo);
    expect(row).toMatchObject({ status: 'active', phone: '13912345678', email: 'zw@example.com', activated_at: portal.clock.now() });
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=4096,p=1,t=1\$/);
    expect(row.password_hash).not.toContain(GOOD_PASSWORD);
    expect(auditTrail(portal).at(-1)).toBe('ACTIVATED:ok:');
  });

  it('answers the strength meter with the same rules', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'password');
    const page = await agent.get(`${A}/password`);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await agent.post(`${A}/password/check`).type('form').send({ password: 'Chengdu#Spring789', _csrf });
    expect(res.status).toBe(200);
    expect(res.body.rules.filter((r: { ok: boolean }) => !r.ok).map((r: { id: string }) => r.id)).toEqual(['PWD_NO_SEQUENCE']);
    expect(res.body.label).toBe('非常强');
    await expectStillPending(portal, agent);
  });
});
