import { describe, expect, it } from 'vitest';
import { demo } from '../../support/activation.ts';
import type { Agent } from '../../support/portal.ts';
import { consoleCsrf, makeConsolePortal, signInAdmin, signInAgent } from './consoleSupport.ts';

const DAY = 24 * 60 * 60 * 1000;

async function act(agent: Agent, no: string, action: string, reason: string) {
  const page = `/console/candidates/${no}`;
  return agent.post(`${page}/actions/${action}`).type('form').send({ reason, confirm: '1', _csrf: await consoleCsrf(agent, page) });
}

/** The log's rows as text. */
function rowsOf(html: string): string[] {
  const body = /<table class="c-table c-log">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

describe('操作日志 (staff audit log)', () => {
  it('lists every staff action with who, when, what, on whom and why, newest first; API actions are not staff actions', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    await act(agent, demo.zhao.candidateNo, 'unbind-email', '考生更换邮箱');
    portal.clock.advance(60_000);
    await agent.get('/console/candidates.csv?status=pending');
    portal.store.audit.record({ at: portal.clock.now(), event: 'CANDIDATE_UPDATED', outcome: 'ok', actor: 'api', candidateNo: demo.li.candidateNo });
    const admin = await signInAdmin(portal);
    const res = await admin.get('/console/audit');
    expect(res.status).toBe(200);
    const rows = rowsOf(res.text);
    expect(rows[0]).toContain('2026-03-10 10:01:00');
    expect(rows[0]).toContain('系统管理员（admin）');
    expect(rows[0]).toContain('登录服务台控制台');
    expect(rows[1]).toContain('王老师（wang）');
    expect(rows[1]).toContain('导出考生名单');
    expect(rows[1]).toContain('导出11名考生');
    const unbind = rows.find((r) => r.includes('解绑邮箱'))!;
    expect(unbind).toContain('2026-03-10 10:00:00');
    expect(unbind).toContain('王老师（wang）');
    expect(unbind).toContain(demo.zhao.candidateNo);
    expect(unbind).toContain('考生更换邮箱');
    expect(res.text).toContain(`href="/console/candidates/${demo.zhao.candidateNo}"`);
    expect(rows.some((r) => r.includes('名单修改'))).toBe(false);
  });

  it('filters by staff member and by date range (Beijing dates, both ends included)', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    await act(agent, demo.zhao.candidateNo, 'unbind-phone', '第一天');
    portal.clock.advance(DAY);
    await act(await signInAgent(portal), demo.zhao.candidateNo, 'unbind-email', '第二天');
    const admin = await signInAdmin(portal);

    const wang = rowsOf((await admin.get('/console/audit').query({ staff: 'wang' })).text);
    expect(wang.every((r) => r.includes('王老师（wang）'))).toBe(true);
    expect(wang.filter((r) => r.includes('解绑'))).toHaveLength(2);

    const secondDay = rowsOf((await admin.get('/console/audit').query({ staff: 'wang', from: '2026-03-11', to: '2026-03-11' })).text);
    expect(secondDay.map((r) => /第.天/.exec(r)?.[0]).filter(Boolean)).toEqual(['第二天']);
    const firstDay = rowsOf((await admin.get('/console/audit').query({ to: '2026-03-10' })).text);
    expect(firstDay.some((r) => r.includes('第一天'))).toBe(true);
    expect(firstDay.some((r) => r.includes('第二天'))).toBe(false);
  });

  it('refuses a bad date with a clear message and keeps what was typed', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const bad = await admin.get('/console/audit').query({ from: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('日期格式应为 YYYY-MM-DD');
    expect(bad.text).toContain('value="2026-02-30"');
    const reversed = await admin.get('/console/audit').query({ from: '2026-03-11', to: '2026-03-10' });
    expect(reversed.text).toContain('结束日期不能早于开始日期');
  });

  it('is for admins only', async () => {
    const portal = await makeConsolePortal();
    const res = await (await signInAgent(portal)).get('/console/audit');
    expect(res.status).toBe(403);
    expect(res.text).toContain('您没有权限执行此操作');
  });
});
