import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { demo } from '../../support/activation.ts';
import { makeConsolePortal, signInAgent } from './consoleSupport.ts';

/** GETs the export as raw bytes, as a browser saves it. */
async function download(agent: Awaited<ReturnType<typeof signInAgent>>, query: Record<string, string>) {
  return agent.get('/console/candidates.csv').query(query).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

describe('CSV export of the candidate list', () => {
  it('is UTF-8 with a BOM, has Chinese column titles, masks personal data and follows the current filters', async () => {
    const portal = await makeConsolePortal();
    const agent = await signInAgent(portal);
    const res = await download(agent, { status: 'active' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment; filename=candidates-2026-03-10.csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8')) as string[][];
    expect(rows[0]).toEqual(['考生号', '姓名', '证件类型', '证件号码', '院系', '专业', '账号类型', '状态', '已锁定', '手机号', '邮箱', '激活时间']);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([demo.zhao.candidateNo, '赵磊', '居民身份证', '510***********1711', '自动化工程学院', '控制科学与工程', '考生', '已激活', '', '138****8009', 'zha***@example.com', '2026-03-10 10:00:00']);

    const department = demo.li.department!;
    const byDepartment = parse((await download(agent, { department, q: '李' })).body.subarray(3).toString('utf8')) as string[][];
    expect(byDepartment.slice(1).map((r) => r[0])).toEqual([demo.li.candidateNo]);
    const audit = portal.db.prepare("SELECT actor, params FROM audit WHERE event = 'STAFF_EXPORT' ORDER BY id DESC").get() as { actor: string; params: string };
    expect(audit.actor).toBe('wang');
    expect(JSON.parse(audit.params)).toMatchObject({ department, q: '李', count: 1 });
  });

  it('escapes cells a spreadsheet would run as a formula', async () => {
    const portal = await makeConsolePortal();
    const now = portal.clock.now();
    const names = ['=HYPERLINK("http://evil","x")', '+SUM(1)', '-2+3', '@cmd', '\tTAB'];
    names.forEach((name, i) => portal.store.candidates.insert({ candidateNo: `10614651020000${i}`, name, idType: 'passport', idNumber: `P100000${i}`, major: i === 0 ? '=1+1' : null }, now));
    const res = await download(await signInAgent(portal), { q: '' });
    const text = (res.body as Buffer).toString('utf8');
    const rows = (parse(text.slice(1)) as string[][]).filter((r) => r[0]!.startsWith('10614651020000'));
    expect(rows.map((r) => r[1])).toEqual(names.map((n) => `'${n}`));
    expect(rows[0]![5]).toBe("'=1+1");
    expect(text).toContain('"\'=HYPERLINK(""http://evil"",""x"")"');
  });

  it('walks a roster larger than one batch in 考生号 order', async () => {
    const portal = await makeConsolePortal();
    const now = portal.clock.now();
    const insert = portal.db.transaction(() => {
      for (let i = 0; i < 2500; i++) portal.store.candidates.insert({ candidateNo: `1061465104${String(i).padStart(5, '0')}`, name: `考生${i}`, idType: 'passport', idNumber: `P${i}X` }, now);
    });
    insert();
    const rows = parse((await download(await signInAgent(portal), {})).body.subarray(3).toString('utf8')) as string[][];
    expect(rows).toHaveLength(1 + 2500 + 12);
    const numbers = rows.slice(1).map((r) => r[0]!);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
