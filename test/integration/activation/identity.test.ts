import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { csrfFrom, makePortal, messagesOf, TEST_API_TOKEN, type Agent, type TestPortal } from '../../support/portal.ts';
import { textOfStored } from '../../../src/web/texts.ts';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { auditTrail, candidate, MINUTE, rowCount, sessionCookieOf } from '../../support/activationChecks.ts';

type Identity = { candidateNo: string; name: string; idType: string; idNumber: string };
const zhang: Identity = { candidateNo: demo.zhang.candidateNo, name: demo.zhang.name, idType: demo.zhang.idType, idNumber: demo.zhang.idNumber };
const MISMATCH = '输入信息有误，请核对后重新输入';

const submit = (agent: Agent, form: Identity) => postForm(agent, `${A}/identity`, form);

/** The candidate is still pending and this session has not passed 身份校验. */
async function expectNothingVerified(portal: TestPortal, agent: Agent, candidateNo = zhang.candidateNo) {
  const row = candidate(portal, candidateNo);
  expect(row.status).toBe('pending');
  expect(row.phone).toBeNull();
  const phone = await agent.get(`${A}/phone`);
  expect(phone.status).toBe(303);
  expect(phone.headers.location).toBe(`${A}/identity`);
}

describe('身份校验: format errors come first, each with its own message', () => {
  it.each<[string, Partial<Identity>, string, string]>([
    ['no 考生号', { candidateNo: '' }, '请输入考生号', 'CANDIDATE_NO_REQUIRED'],
    ['a 14-digit 考生号', { candidateNo: '10614651010000' }, '考生号应为15位数字', 'CANDIDATE_NO_FORMAT'],
    ['a 16-digit 考生号', { candidateNo: '1061465101000011' }, '考生号应为15位数字', 'CANDIDATE_NO_FORMAT'],
    ['a 考生号 with a letter', { candidateNo: '10614651010000A' }, '考生号应为15位数字', 'CANDIDATE_NO_FORMAT'],
    ['another school\'s 考生号', { candidateNo: '106106510100001' }, '考生号应以本校代码10614开头，请核对', 'CANDIDATE_NO_INSTITUTION'],
    ['no name', { name: '  ' }, '请输入姓名', 'NAME_REQUIRED'],
    ['a name of 51 characters', { name: '张'.repeat(51) }, '姓名过长，请核对', 'NAME_TOO_LONG'],
    ['an unknown 证件类型', { idType: 'military_id' }, '请选择证件类型', 'ID_TYPE_REQUIRED'],
    ['no 证件号码', { idNumber: '' }, '请输入证件号码', 'ID_NUMBER_REQUIRED'],
    ['a 17-character 身份证', { idNumber: '51010720010315162' }, '证件号码格式不正确，居民身份证号码应为18位（最后一位可为X）', 'ID_NUMBER_FORMAT'],
    ['a 身份证 with a wrong check digit', { idNumber: '510107200103151627' }, '证件号码校验位不正确，请核对最后一位（X 为大写字母）', 'ID_NUMBER_CHECKSUM'],
    ['a 身份证 born in month 13', { idNumber: '510107200113151626' }, '证件号码中的出生日期不正确，请核对', 'ID_NUMBER_BIRTHDATE'],
    ['a 身份证 born after today', { idNumber: '510107203001011626' }, '证件号码中的出生日期不正确，请核对', 'ID_NUMBER_BIRTHDATE'],
    ['a 身份证 from no province', { idNumber: '990107200103151626' }, '证件号码的地区码不正确，请核对', 'ID_NUMBER_REGION'],
    ['a short 护照', { idType: 'passport', idNumber: 'E123' }, '证件号码格式不正确，护照号码应为5-17位字母或数字', 'ID_NUMBER_FORMAT'],
    ['a 护照 with a symbol', { idType: 'passport', idNumber: 'E1234-678' }, '证件号码格式不正确，护照号码应为5-17位字母或数字', 'ID_NUMBER_FORMAT'],
    ['a 回乡证 starting with X', { idType: 'hk_macao_permit', idNumber: 'X12345678' }, '证件号码格式不正确，港澳居民来往内地通行证号码应为H或M开头加8位或10位数字', 'ID_NUMBER_FORMAT'],
    ['a 7-digit 台胞证', { idType: 'taiwan_permit', idNumber: '1234567' }, '证件号码格式不正确，台湾居民来往大陆通行证号码应为8位或10位数字', 'ID_NUMBER_FORMAT'],
    ['a 居住证 with a mainland address code', { idType: 'gat_residence_permit', idNumber: '510107200103151626' }, '证件号码的地区码不正确，请核对', 'ID_NUMBER_REGION'],
    ['a 17-character 居住证', { idType: 'gat_residence_permit', idNumber: '83000019970506102' }, '证件号码格式不正确，港澳台居民居住证号码应为18位，以810000、820000或830000开头', 'ID_NUMBER_FORMAT'],
    ['a 居住证 with a wrong check digit', { idType: 'gat_residence_permit', idNumber: '830000199705061028' }, '证件号码校验位不正确，请核对最后一位（X 为大写字母）', 'ID_NUMBER_CHECKSUM'],
    ['a short 永居证', { idType: 'foreign_permanent_residence', idNumber: 'USA12345' }, '证件号码格式不正确，外国人永久居留身份证号码应为3位字母加12位数字，或9开头的18位号码', 'ID_NUMBER_FORMAT'],
    ['a new 永居证 with a wrong check digit', { idType: 'foreign_permanent_residence', idNumber: '912345678901234560' }, '证件号码校验位不正确，请核对最后一位（X 为大写字母）', 'ID_NUMBER_CHECKSUM'],
  ])('%s', async (_label, change, message, code) => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const res = await submit(agent, { ...zhang, ...change });
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual([message]);
    await expectNothingVerified(portal, agent);
    // A typo is not a guess: nothing counts against the limits.
    expect(rowCount(portal, 'attempts')).toBe(0);
    expect(auditTrail(portal)).toEqual(['ACTIVATION_STARTED:ok:', `IDENTITY_CHECK:error:${code}`]);
  });

  it('names every bad field at once and keeps what was typed', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const res = await submit(agent, { candidateNo: '123', name: '', idType: 'resident_id', idNumber: '12345' });
    expect(messagesOf(res.text)).toEqual(['考生号应为15位数字', '请输入姓名', '证件号码格式不正确，居民身份证号码应为18位（最后一位可为X）']);
    expect(res.text).toContain('value="123"');
    expect(res.text).toContain('value="12345"');
  });
});

describe('身份校验: a mismatch never says which field is wrong', () => {
  it.each<[string, Partial<Identity>, string[]]>([
    ['wrong name', { name: '张玮' }, ['name']],
    ['wrong 证件号码 of the right type', { idNumber: '330102199908122047' }, ['idNumber']],
    ['wrong 证件类型 with a well-formed number', { idType: 'passport', idNumber: 'E12345678' }, ['idType', 'idNumber']],
    ['a 考生号 that is not on the roster', { candidateNo: '106149999999999' }, ['candidateNo']],
    ['another candidate\'s 考生号', { candidateNo: demo.li.candidateNo }, ['name', 'idNumber']],
  ])('%s → only 输入信息有误; the audit alone records which field differed', async (_label, change, mismatch) => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const res = await submit(agent, { ...zhang, ...change });
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual([MISMATCH]);
    await expectNothingVerified(portal, agent);
    expect(auditTrail(portal)).toEqual(['ACTIVATION_STARTED:ok:', 'IDENTITY_CHECK:error:IDENTITY_MISMATCH']);
    const params = portal.db.prepare(`SELECT params FROM audit WHERE code = 'IDENTITY_MISMATCH'`).pluck().get() as string;
    expect(JSON.parse(params)).toEqual({ mismatch });
  });
});

describe('身份校验: what counts as the same person', () => {
  it.each<[string, Identity]>([
    ['name with spaces around and inside', { ...zhang, name: ' 张 伟　' }],
    ['full-width digits in 考生号 and 证件号码', { ...zhang, candidateNo: '１０６１４６５１０１００００１', idNumber: '５１０１０７２００１０３１５１６２６' }],
    ['a Latin name typed full-width in lower case', { candidateNo: '106146510100007', name: 'ｊｏｈｎ　ｓｍｉｔｈ', idType: 'foreign_permanent_residence', idNumber: 'usa123456789012' }],
    ['a middle dot typed as a full stop', { candidateNo: '106146510100003', name: '买买提.艾力', idType: 'resident_id', idNumber: '650102199801013312' }],
    ['a 回乡证 in lower case', { candidateNo: demo.chen.candidateNo, name: demo.chen.name, idType: 'hk_macao_permit', idNumber: 'h12345678' }],
  ])('%s', async (_label, form) => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const res = await submit(agent, form);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${A}/phone`);
  });

  it('accepts a lower-case x check digit', async () => {
    const portal = makePortal();
    portal.store.candidates.insert({ candidateNo: '106146510100099', name: '钱晓', idType: 'resident_id', idNumber: '51010719990101118X' }, portal.clock.now());
    const agent = await walkTo(portal, 'identity');
    const res = await submit(agent, { candidateNo: '106146510100099', name: '钱晓', idType: 'resident_id', idNumber: '51010719990101118x' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${A}/phone`);
  });

  it('gives the verified session a new id and leaves the old id with nothing', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const before = sessionCookieOf(await agent.get(`${A}/identity`));
    const res = await submit(agent, zhang);
    const after = sessionCookieOf(res);
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect((await agent.get(`${A}/phone`)).status).toBe(200);
    const planted = await request(portal.app).get(`${A}/phone`).set('Cookie', before!);
    expect(planted.status).toBe(303);
    expect(planted.headers.location).toBe(A);
    expect(auditTrail(portal)).toEqual(['ACTIVATION_STARTED:ok:', 'IDENTITY_CHECK:ok:']);
  });
});

describe('身份校验: accounts that must not be activated here', () => {
  it('an activated account (赵磊) is told so, with links to login and 忘记密码', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const res = await submit(agent, { candidateNo: demo.zhao.candidateNo, name: demo.zhao.name, idType: demo.zhao.idType, idNumber: demo.zhao.idNumber });
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['该账号已激活，请直接登录或使用忘记密码']);
    expect(res.text).toContain('href="/authserver/login"');
    expect(res.text).toMatch(/href="\/retrieve-password\/passwordRetrieve">忘记密码</);
    expect((await agent.get(`${A}/phone`)).headers.location).toBe(`${A}/identity`);
    expect(auditTrail(portal)).toContain('IDENTITY_CHECK:error:ALREADY_ACTIVATED');
  });

  it('a current student (刘洋) gets the guide\'s two cases: used WeCom before, or follow the staff guide', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const res = await submit(agent, { candidateNo: demo.liu.candidateNo, name: demo.liu.name, idType: demo.liu.idType, idNumber: demo.liu.idNumber });
    expect(res.status).toBe(400);
    expect(messagesOf(res.text)).toEqual(['您是本校在职在校师生或延期毕业的本科生，无需进行考生账号激活，请按以下情况操作：']);
    const cases = /<ol class="notice-list" id="not-candidate-cases">([\s\S]*?)<\/ol>/.exec(res.text)?.[1] ?? '';
    expect([...cases.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1])).toEqual([
      '曾经激活并且使用过电子科技大学企业微信账号的，无需激活，可直接下载企业微信 APP 使用。',
      '从未使用过也未激活过电子科技大学企业微信账号的，请按照《电子科技大学企业号&amp;企业微信激活指南》操作激活。',
    ]);
    expect(res.text).toContain('<a class="btn btn-secondary" href="/guide/wecom">《电子科技大学企业号&amp;企业微信激活指南》</a>');
    await expectNothingVerified(portal, agent, demo.liu.candidateNo);
    expect(auditTrail(portal)).toContain('IDENTITY_CHECK:error:NOT_A_CANDIDATE');
    // Staff read the whole message from the audit row, in the same words.
    const row = portal.db.prepare("SELECT code, params FROM audit WHERE code = 'NOT_A_CANDIDATE'").get() as { code: string; params: string };
    expect(textOfStored(row.code, JSON.parse(row.params))).toBe('您是本校在职在校师生或延期毕业的本科生，无需进行考生账号激活，请按以下情况操作：'
      + '1. 曾经激活并且使用过电子科技大学企业微信账号的，无需激活，可直接下载企业微信 APP 使用。'
      + '2. 从未使用过也未激活过电子科技大学企业微信账号的，请按照《电子科技大学企业号&企业微信激活指南》操作激活。');
  });
});

describe('身份校验: limits on guessing', () => {
  const wrongName = { ...zhang, name: '张三' };

  it('locks the 考生号 after 5 mismatches, says until when and whom to call, and lets it in once the lock has passed', async () => {
    const portal = makePortal();
    for (let i = 1; i <= 4; i++) {
      const res = await submit(await walkTo(portal, 'identity'), wrongName);
      expect(messagesOf(res.text)).toEqual([MISMATCH]);
    }
    const fifth = await submit(await walkTo(portal, 'identity'), wrongName);
    expect(fifth.status).toBe(429);
    // 02:00 UTC is 10:00 in Beijing; the lock ends 30 minutes later.
    const lockedText = '该考生号校验失败次数过多，已被锁定，预计解锁时间：2026-03-10 10:30:00。如需帮助，请联系服务台：028-61831184';
    expect(messagesOf(fifth.text)).toEqual([lockedText]);

    // The right answer does not open a locked number.
    portal.clock.advance(10 * MINUTE);
    const agent = await walkTo(portal, 'identity');
    const locked = await submit(agent, zhang);
    expect(locked.status).toBe(429);
    expect(messagesOf(locked.text)).toEqual([lockedText]);
    await expectNothingVerified(portal, agent);
    // Another candidate's number is not affected.
    expect((await submit(await walkTo(portal, 'identity'), { ...zhang, candidateNo: demo.li.candidateNo, name: demo.li.name, idNumber: demo.li.idNumber })).status).toBe(303);

    portal.clock.advance(20 * MINUTE);
    const open = await submit(await walkTo(portal, 'identity'), zhang);
    expect(open.status).toBe(303);
    expect(open.headers.location).toBe(`${A}/phone`);
    const trail = auditTrail(portal);
    expect(trail.filter((e) => e === 'IDENTITY_CHECK:error:IDENTITY_MISMATCH')).toHaveLength(5);
    expect(trail).toContain('IDENTITY_LOCKED:error:IDENTITY_LOCKED');
    expect(trail.filter((e) => e === 'IDENTITY_CHECK:error:IDENTITY_LOCKED')).toHaveLength(1);
  });

  it('stops a session after 10 mismatches, even when it starts the wizard over', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    for (let i = 0; i < 10; i++) {
      const res = await submit(agent, { ...zhang, candidateNo: `10614999999990${i}` });
      expect(messagesOf(res.text)).toEqual([MISMATCH]);
    }
    const limited = await submit(agent, zhang);
    expect(limited.status).toBe(429);
    expect(messagesOf(limited.text)).toEqual(['校验失败次数过多，请关闭浏览器后稍后再试']);
    await walkTo(portal, 'identity', { agent });
    const again = await submit(agent, zhang);
    expect(messagesOf(again.text)).toEqual(['校验失败次数过多，请关闭浏览器后稍后再试']);
    await expectNothingVerified(portal, agent);
    // A fresh browser may go on: the limit is the session's, not the candidate's.
    expect((await submit(await walkTo(portal, 'identity'), zhang)).status).toBe(303);
  });

  it('asks every check for a fresh graphic captcha: missing or wrong, nothing is checked or counted', async () => {
    const portal = makePortal();
    const agent = await walkTo(portal, 'identity');
    const page = await agent.get(`${A}/identity`);
    expect(page.text).toMatch(/<label for="captcha">图形验证码<\/label>/);
    expect(page.text).toMatch(/src="\/retrieve-password\/generateCaptcha\?ltId=[A-Za-z0-9]{16}&amp;codeType=2"/);
    const missing = await submit(agent, { ...zhang, captcha: '' } as Identity);
    expect(missing.status).toBe(400);
    expect(messagesOf(missing.text)).toEqual(['请输入图形验证码']);
    const wrong = await submit(agent, { ...zhang, captcha: 'zzzz' } as Identity);
    expect(messagesOf(wrong.text)).toEqual(['验证码不正确']);
    // What was typed stays, the picture is a new one.
    expect(wrong.text).toContain(`value="${zhang.candidateNo}"`);
    expect(/name="captchaId" value="([^"]+)"/.exec(wrong.text)![1]).not.toBe(/name="captchaId" value="([^"]+)"/.exec(page.text)![1]);
    await expectNothingVerified(portal, agent);
    expect(portal.db.prepare("SELECT COUNT(*) FROM attempts WHERE kind = 'identity'").pluck().get()).toBe(0);
    expect(auditTrail(portal).slice(-1)).toEqual(['IDENTITY_CHECK:error:GRAPHIC_CAPTCHA_INCORRECT']);
    // Each picture allows one try: its answer, used by the wrong try above, is gone.
    const captchaId = /name="captchaId" value="([^"]+)"/.exec(page.text)![1]!;
    expect(portal.store.captchas.peek(captchaId)).toBeUndefined();
    expect((await submit(agent, zhang)).status).toBe(303);
  });

  it('asks for no captcha once the test-automation API has switched captchas off', async () => {
    const portal = makePortal();
    await request(portal.app).put('/api/v1/settings').set('Authorization', `Bearer ${TEST_API_TOKEN}`).send({ captcha: false });
    const agent = await walkTo(portal, 'identity');
    expect((await agent.get(`${A}/identity`)).text).not.toContain('captchaImg');
    const res = await agent.post(`${A}/identity`).type('form').send({ ...zhang, _csrf: csrfFrom((await agent.get(`${A}/identity`)).text) });
    expect(res.status).toBe(303);
  });
});
