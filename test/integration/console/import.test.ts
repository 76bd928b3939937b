import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { demoActivated } from '../../../src/data/demoRoster.ts';
import { openDatabase } from '../../../src/data/db.ts';
import { importCsv } from '../../../src/roster/importRoster.ts';
import { gb11643CheckChar } from '../../../src/rules/idDocuments.ts';
import { paths } from '../../../src/web/paths.ts';
import { consoleCsrf, makeConsolePortal, signInAdmin } from './consoleSupport.ts';
import type { Agent, TestPortal } from '../../support/portal.ts';

const SAMPLE = readFileSync(join(paths.root, 'docs/roster-sample.csv'));
const HEADER = '考生号,姓名,证件类型,证件号码,院系,专业,账号类型';

async function preview(agent: Agent, content: Buffer | string, name = 'roster.csv') {
  const _csrf = await consoleCsrf(agent, '/console/import');
  return agent.post('/console/import/preview').field('_csrf', _csrf).attach('file', Buffer.from(content), name);
}

async function commit(agent: Agent, previewText: string) {
  const uploadId = /name="uploadId" value="(\d+)"/.exec(previewText)![1]!;
  return agent.post('/console/import/commit').type('form').send({ uploadId, _csrf: await consoleCsrf(agent, '/console/import') });
}

const rosterCount = (portal: TestPortal) => portal.store.candidates.count();
const SAMPLE_NAMES = ['孙浩然', '欧阳娜娜', '阿卜杜·热合曼', '何嘉欣', 'MARIA GARCIA', '钱学林'];

describe('名单导入 in the console', () => {
  it('previews a UTF-8 file without writing, then imports exactly that file', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const res = await preview(admin, SAMPLE, 'roster-sample.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('编码：utf-8');
    expect(res.text).toContain('预检通过：共6行，导入后将新增6人、更新0人，0人无变化');
    expect(rosterCount(portal)).toBe(12);
    const done = await commit(admin, res.text);
    expect(done.text).toContain('导入完成：共6行，新增6人、更新0人，0人无变化');
    expect(rosterCount(portal)).toBe(18);
    const ouyang = portal.store.candidates.findByCandidateNo('106146510200002')!;
    expect(ouyang).toMatchObject({ name: '欧阳娜娜', id_type: 'resident_id', department: '计算机科学与工程学院', status: 'pending' });
    expect(portal.store.candidates.findByCandidateNo('106146510200004')!.account_type).toBe('candidate');
    expect(portal.store.candidates.findByCandidateNo('106146510200006')!.account_type).toBe('student');
    const audit = portal.db.prepare("SELECT COUNT(*) AS n, MIN(actor) AS actor FROM audit WHERE event = 'ROSTER_INSERTED'").get();
    expect(audit).toEqual({ n: 6, actor: 'admin' });
    // The stored upload is used once.
    expect((await commit(admin, res.text)).status).toBe(409);
  });

  it('reads UTF-8 with a BOM', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const res = await preview(admin, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), SAMPLE]));
    expect(res.text).toContain('编码：utf-8-bom');
    await commit(admin, res.text);
    expect(portal.store.candidates.findByCandidateNo('106146510200001')!.name).toBe('孙浩然');
  });

  it('reads GBK as Excel on Chinese Windows saves it', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const res = await preview(admin, iconv.encode(SAMPLE.toString('utf8'), 'gbk'));
    expect(res.text).toContain('编码：gbk');
    await commit(admin, res.text);
    for (const [i, name] of SAMPLE_NAMES.entries()) {
      expect(portal.store.candidates.findByCandidateNo(`10614651020000${i + 1}`)!.name).toBe(name);
    }
  });

  it('reports every bad row with its line, field and Chinese message, and imports nothing', async () => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const csv = [
      HEADER,
      '106146510200001,孙浩然,居民身份证,510107200103151618,信息与通信工程学院,信息与通信工程,考生',
      '10614651020000X,王五,居民身份证,510107200103151619,,,',
      '106146510200003,,驾驶证,123,,,老师',
      '106146510200001,孙浩然,居民身份证,510107200103151618,,,',
      '"106146510200005",赵六,护照,E1234567,,,',
    ].join('\r\n');
    const res = await preview(admin, csv);
    expect(res.status).toBe(422);
    expect(res.text).toContain('预检发现6处错误，整个文件不会导入');
    expect(res.text).not.toContain('确认导入');
    const rows = [...res.text.matchAll(/<tr><td class="c-num">(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['3', '考生号', '考生号：考生号应为15位数字'],
      ['3', '证件号码', '证件号码：证件号码校验位不正确，请核对最后一位（X 为大写字母）'],
      ['4', '姓名', '姓名：请输入姓名'],
      ['4', '证件类型', expect.stringContaining('证件类型：证件类型无法识别')],
      ['4', '账号类型', '账号类型：账号类型应为考生、在校生或教职工'],
      ['5', '考生号', '考生号与第2行重复'],
    ]);
    expect(rosterCount(portal)).toBe(12);
    expect(portal.db.prepare('SELECT COUNT(*) AS n FROM roster_staging').get()).toEqual({ n: 0 });
  });

  it('updates changed candidates, leaves unchanged ones, and never touches an activated account\'s credentials', async () => {
    const portal = await makeConsolePortal();
    const before = portal.store.candidates.findByCandidateNo(demoActivated.candidateNo)!;
    const admin = await signInAdmin(portal);
    const csv = [
      HEADER,
      `${demoActivated.candidateNo},赵磊,居民身份证,510122200002291711,计算机科学与工程学院,软件工程,考生`,
      '106146510100002,李娜,居民身份证,330102199908122047,计算机科学与工程学院,计算机科学与技术,考生',
    ].join('\n');
    const res = await preview(admin, csv);
    expect(res.text).toContain('将新增0人、更新1人，1人无变化');
    await commit(admin, res.text);
    const after = portal.store.candidates.findByCandidateNo(demoActivated.candidateNo)!;
    expect(after).toMatchObject({ department: '计算机科学与工程学院', major: '软件工程', status: 'active' });
    expect({ phone: after.phone, email: after.email, hash: after.password_hash, at: after.activated_at })
      .toEqual({ phone: before.phone, email: before.email, hash: before.password_hash, at: before.activated_at });
    expect(portal.db.prepare("SELECT candidate_no FROM audit WHERE event = 'ROSTER_UPDATED'").all()).toEqual([{ candidate_no: demoActivated.candidateNo }]);
  });

  it.each([
    ['a missing required column', '考生号,姓名,证件号码\n106146510200001,孙浩然,510107200103151618\n', '缺少必填列“证件类型”'],
    ['a header and no rows', `${HEADER}\n`, '文件中没有考生数据'],
    ['an unclosed quote', `${HEADER}\n"106146510200001,孙浩然,居民身份证,510107200103151618,,,\n`, 'CSV 格式错误'],
  ])('refuses %s', async (_what, csv, message) => {
    const portal = await makeConsolePortal();
    const admin = await signInAdmin(portal);
    const res = await preview(admin, csv);
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(rosterCount(portal)).toBe(12);
  });

  it('asks for a file, refuses a file over the size limit, and needs the CSRF token', async () => {
    const portal = await makeConsolePortal({ ROSTER_UPLOAD_MAX_MB: '1' });
    const admin = await signInAdmin(portal);
    expect((await preview(admin, '')).text).toContain('请选择要上传的 CSV 文件');
    const big = await preview(admin, `${HEADER}\n${'x'.repeat(1024 * 1024 + 10)}`);
    expect(big.status).toBe(413);
    const forged = await admin.post('/console/import/preview').attach('file', SAMPLE, 'roster.csv');
    expect(forged.status).toBe(403);
    expect(rosterCount(portal)).toBe(12);
  });

  it('offers the sample file for download', async () => {
    const portal = await makeConsolePortal();
    const res = await (await signInAdmin(portal)).get('/console/import/sample.csv');
    expect(res.headers['content-disposition']).toContain('roster-sample.csv');
    expect(res.text.split('\n')[0]).toBe(HEADER);
  });
});

describe('a large roster', () => {
  it('imports thousands of rows in one go and finds a duplicate far apart', async () => {
    const portal = await makeConsolePortal();
    const lines = [HEADER];
    for (let i = 0; i < 2000; i++) {
      const first17 = `51010719990101${String(i % 1000).padStart(3, '0')}`;
      lines.push(`10614651${String(i).padStart(7, '0')},考生${i},居民身份证,${first17}${gb11643CheckChar(first17)},,,`);
    }
    const good = await importCsv([Buffer.from(lines.join('\n'))], { store: portal.store, institutionCode: '10614', now: portal.clock.now(), actor: 'test', apply: true });
    expect(good).toMatchObject({ imported: true, rows: 2000, inserted: 2000, errorCount: 0 });
    lines.push(lines[1]!);
    const dup = await importCsv([Buffer.from(lines.join('\n'))], { store: portal.store, institutionCode: '10614', now: portal.clock.now(), actor: 'test', apply: true });
    expect(dup).toMatchObject({ imported: false, errorCount: 1, errors: [{ line: 2002, code: 'IMPORT_DUPLICATE' }] });
    expect(rosterCount(portal)).toBe(2012);
  });
});

describe('npm run import', () => {
  const run = (file: string, db: string) => spawnSync(process.execPath, ['--import', 'tsx', join(paths.root, 'scripts/import.ts'), file], {
    env: { ...process.env, DATABASE_PATH: db, NODE_ENV: 'test' }, encoding: 'utf8',
  });

  it('imports a good file and exits 0; refuses a bad one with the same report, exits 1 and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idas-import-'));
    const db = join(dir, 'cli.sqlite');
    const ok = run(join(paths.root, 'docs/roster-sample.csv'), db);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('导入完成：共6行，新增6人');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, iconv.encode(`${HEADER}\n106146510200009,新考生,居民身份证,510107200103151618,,,\n106146510200010,,居民身份证,510107200103151618,,,\n`, 'gbk'));
    const refused = run(bad, db);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('编码：gbk');
    expect(refused.stdout).toContain('行号 3\t姓名\t姓名：请输入姓名');
    const check = openDatabase(db);
    expect(check.prepare('SELECT COUNT(*) AS n FROM candidates').get()).toEqual({ n: 6 });
    check.close();
  });
});
