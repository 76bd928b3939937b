import { describe, expect, it } from 'vitest';
import { A, demo, postForm, walkTo } from '../../support/activation.ts';
import { makeConsolePortal, signInAgent } from './consoleSupport.ts';

describe('激活概览', () => {
  it('draws the funnel, where candidates are stuck, the most frequent errors and activations per hour', async () => {
    const portal = await makeConsolePortal();
    await walkTo(portal, 'done', { candidate: demo.zhang, phone: '13800138001', email: 'a@example.com' });
    await walkTo(portal, 'email', { candidate: demo.li, phone: '13800138002' });
    const wrong = await walkTo(portal, 'identity');
    for (let i = 0; i < 3; i++) await postForm(wrong, `${A}/identity`, { candidateNo: demo.zhou.candidateNo, name: '周某', idType: 'resident_id', idNumber: demo.zhou.idNumber });

    const agent = await signInAgent(portal);
    const res = await agent.get('/console');
    expect(res.text).toContain('名单共12人：已激活2人，未激活10人');
    const svgs = res.text.match(/<svg class="chart"[\s\S]*?<\/svg>/g)!;
    expect(svgs).toHaveLength(4);
    // Funnel: zhang reached all four steps, li two (identity, phone); the seeded activation of zhao counts too.
    expect(svgs[0]).toContain('<title>通过身份校验：2人</title>');
    expect(svgs[0]).toContain('<title>绑定手机：2人</title>');
    expect(svgs[0]).toContain('<title>绑定邮箱：1人</title>');
    expect(svgs[0]).toContain('<title>激活完成：2人</title>');
    expect(svgs[1]).toContain('<title>已绑定手机，未完成绑定邮箱：1人</title>');
    // 02:00 UTC is 10时 in Beijing: zhang now, and zhao's seeded activation.
    expect(svgs[2]).toContain('<title>10时：2人激活</title>');
    expect(res.text).toMatch(/IDENTITY_MISMATCH<\/code> 输入信息有误，请核对后重新输入<\/td><td class="c-num">3</);
  });

  it('escapes what it draws', async () => {
    const portal = await makeConsolePortal();
    portal.store.audit.record({ at: portal.clock.now(), event: 'X', outcome: 'error', code: '<img src=x onerror=alert(1)>' });
    const res = await (await signInAgent(portal)).get('/console');
    expect(res.text).not.toContain('<img src=x');
  });
});
