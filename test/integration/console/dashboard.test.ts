import { describe, expect, it } from 'vitest';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { makeConsolePortal, signInAgent } from './consoleSupport.ts';

/** The funnel table's rows: step, count, share of the 考生, share of the step before. */
function funnelTable(html: string): string[][] {
  const table = /<table class="c-table c-funnel">([\s\S]*?)<\/table>/.exec(html)![1]!;
  return [...table.matchAll(/<tr><td>(.*?)<\/td><td class="c-num">(\d+)<\/td><td class="c-num">(.*?)<\/td><td class="c-num">(.*?)<\/td><\/tr>/g)]
    .map((m) => [m[1]!, m[2]!, m[3]!, m[4]!]);
}

describe('激活概览', () => {
  it('draws a monotonic funnel with counts and percentages, where candidates stop, the most frequent errors and activations per hour', async () => {
    const portal = await makeConsolePortal();
    await walkTo(portal, 'done', { candidate: demo.zhang, phone: '13800138001', email: 'a@example.com' });
    await walkTo(portal, 'email', { candidate: demo.li, phone: '13800138002' });
    const wrong = await walkTo(portal, 'identity');
    for (let i = 0; i < 3; i++) await postForm(wrong, `${A}/identity`, { candidateNo: demo.zhou.candidateNo, name: '周某', idType: 'resident_id', idNumber: demo.zhou.idNumber });

    const agent = await signInAgent(portal);
    const res = await agent.get('/console');
    // 12 on the roster, of whom 刘洋 is a current student (told not to activate).
    expect(res.text).toContain('考生共11人：已激活2人，未激活9人');
    expect(res.text).toContain('名单中另有在校生、教职工1人，无需激活，不计入漏斗');
    // zhao was seeded as activated (no step events): he counts for every step, so no step has more than the one before.
    expect(funnelTable(res.text)).toEqual([
      ['名单中的考生', '11', '100%', '—'],
      ['通过身份校验', '3', '27%', '27%'],
      ['绑定手机', '3', '27%', '100%'],
      ['绑定邮箱', '2', '18%', '67%'],
      ['激活完成', '2', '18%', '100%'],
      ['已验证手机', '0', '0%', '0%'],
      ['已关注', '0', '0%', '0%'],
      ['已二次认证', '0', '0%', '0%'],
      ['已入群', '0', '0%', '0%'],
    ]);
    const svgs = res.text.match(/<svg class="chart"[\s\S]*?<\/svg>/g)!;
    expect(svgs).toHaveLength(3);
    expect(svgs[0]).toContain('<title>绑定邮箱：2人（18%）</title>');
    expect(svgs[1]).toContain('<title>未开始（未通过身份校验）：8人</title>');
    expect(svgs[1]).toContain('<title>已绑定手机，未绑定邮箱：1人</title>');
    // 02:00 UTC is 10时 in Beijing: zhang now, and zhao's seeded activation.
    expect(svgs[2]).toContain('<title>10时：2人激活</title>');
    // The errors in the words the candidate saw, never a raw code.
    expect(res.text).toMatch(/<td>输入信息有误，请核对后重新输入<\/td><td class="c-num">3</);
    expect(res.text).not.toContain('IDENTITY_MISMATCH');
    expect(res.text).not.toContain('undefined');
  });

  it('shows a lock error with a neutral placeholder for its time, not "undefined"', async () => {
    const portal = await makeConsolePortal();
    const zhao = portal.store.candidates.findByCandidateNo(demo.zhao.candidateNo)!;
    portal.store.audit.record({ at: portal.clock.now(), event: 'LOGIN', outcome: 'error', code: 'ACCOUNT_LOCKED', candidateId: zhao.id });
    const res = await (await signInAgent(portal)).get('/console');
    expect(res.text).toContain('账号已冻结，预计解冻时间：…');
    expect(res.text).not.toContain('undefined');
  });

  it('filters by 学院 and lists the 学院\'s candidates who have not activated, with where they stopped', async () => {
    const portal = await makeConsolePortal();
    const now = portal.clock.now();
    const department = demo.li.department!;
    portal.store.candidates.insert({ candidateNo: '106146510300100', name: '钱多', idType: 'passport', idNumber: 'P1000000', department }, now);
    portal.store.candidates.insert({ candidateNo: '106146510300101', name: '孙悟', idType: 'passport', idNumber: 'P1000001', department }, now);
    portal.store.candidates.insert({ candidateNo: '106146510300102', name: '在校生甲', idType: 'passport', idNumber: 'P1000002', department, accountType: 'student' }, now);
    await walkTo(portal, 'email', { candidate: demo.li, phone: '13800138002' });
    await walkTo(portal, 'done', { candidate: demo.zhang, phone: '13800138001', email: 'a@example.com' });

    const agent = await signInAgent(portal);
    const res = await agent.get('/console').query({ department });
    expect(res.text).toContain(`<option value="${department}" selected>`);
    expect(res.text).toContain('考生共3人：已激活0人，未激活3人');
    expect(funnelTable(res.text).map((r) => r.slice(0, 2))).toEqual([
      ['名单中的考生', '3'], ['通过身份校验', '1'], ['绑定手机', '1'], ['绑定邮箱', '0'], ['激活完成', '0'],
      ['已验证手机', '0'], ['已关注', '0'], ['已二次认证', '0'], ['已入群', '0'],
    ]);
    expect(res.text).toContain(`${department}未激活的考生（3人）`);
    const pending = /id="pending"[\s\S]*?<\/section>/.exec(res.text)![0];
    expect(pending).toContain('李娜');
    expect(pending).toContain('已绑定手机');
    expect(pending).toMatch(/钱多<\/td><td>—<\/td><td>未开始/);
    expect(pending).not.toContain('在校生甲');
    expect(pending).not.toContain('张伟');
    const query = `department=${encodeURIComponent(department)}&amp;status=pending`;
    expect(pending).toContain(`href="/console/candidates?${query}"`);
    expect(pending).toContain(`href="/console/candidates.csv?${query}"`);
    // A 学院 not on the roster is ignored, not an error.
    expect((await agent.get('/console').query({ department: '不存在的学院' })).text).toContain('考生共13人');
  });

  it('names where candidates stop in plain words, the WeCom statuses too (已关注，未二次认证, never 已已关注，未已二次认证)', async () => {
    const portal = await makeConsolePortal();
    const res = await (await signInAgent(portal)).get('/console');
    const stuck = res.text.match(/<svg class="chart"[\s\S]*?<\/svg>/g)![1]!;
    const labels = [...stuck.matchAll(/<title>(.*?)：\d+人<\/title>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      '未开始（未通过身份校验）', '已通过身份校验，未绑定手机', '已绑定手机，未绑定邮箱', '已绑定邮箱，未激活完成',
      '已激活完成，未验证手机', '已验证手机，未关注', '已关注，未二次认证', '已二次认证，未入群',
    ]);
  });

  it('escapes what it draws', async () => {
    const portal = await makeConsolePortal();
    portal.store.audit.record({ at: portal.clock.now(), event: 'LOGIN', outcome: 'error', code: '<img src=x onerror=alert(1)>' });
    const res = await (await signInAgent(portal)).get('/console');
    expect(res.text).not.toContain('<img src=x');
  });
});
