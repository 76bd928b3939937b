import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPortal, type PortalProcess } from '../../scripts/portalProcess.ts';

// `npm start`'s entry (scripts/start.cjs on the bundle) starts node again with glibc's malloc tuned; these
// check the portal it starts, and that stopping npm start stops the portal however it is stopped.
const dir = mkdtempSync(join(tmpdir(), 'idas-start-'));
let started: PortalProcess[] = [];
const MIB = 1024 * 1024;

/** Whether a process has ended (gone, or a zombie waiting for whoever adopted it to reap it). */
function ended(pid: number): boolean {
  const status = `/proc/${pid}/status`;
  return !existsSync(status) || /^State:\s+Z/m.test(readFileSync(status, 'utf8'));
}

async function untilEnded(pid: number): Promise<void> {
  while (!ended(pid)) await new Promise((r) => setTimeout(r, 50));
}

async function start(name: string): Promise<PortalProcess> {
  const portal = await startPortal({ NODE_ENV: 'production', DATABASE_PATH: join(dir, `${name}.sqlite`) }, { bundled: true });
  started.push(portal);
  return portal;
}

describe.runIf(process.platform === 'linux')('npm start', () => {
  afterAll(async () => {
    for (const p of started) if (!ended(p.serverPid)) process.kill(p.serverPid, 'SIGKILL');
    await Promise.all(started.map((p) => p.kill()));
    started = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the login page on a new database from a second node with one malloc arena that keeps the hashes\' blocks', async () => {
    const portal = await start('fresh');
    const page = await fetch(`${portal.url}/authserver/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="execution"');
    expect(portal.serverPid).not.toBe(portal.child.pid);
    const tuning = ['MALLOC_ARENA_MAX=1', `MALLOC_MMAP_THRESHOLD_=${32 * MIB}`, `MALLOC_TRIM_THRESHOLD_=${availableParallelism() * 32 * MIB}`];
    expect(readFileSync(`/proc/${portal.serverPid}/environ`, 'utf8').split('\0')).toEqual(expect.arrayContaining(tuning));
    expect(readFileSync(`/proc/${portal.child.pid}/environ`, 'utf8').split('\0').filter((v) => v.startsWith('MALLOC_'))).toEqual([]);
  });

  it('runs libuv\'s pool threads (argon2 hashes) at nice 10 and the event loop at the default priority', async () => {
    const portal = await start('nice');
    const task = `/proc/${portal.serverPid}/task`;
    // Field 19 of stat, the 17th after the command name's closing parenthesis.
    const niceOf = (tid: string) => Number(readFileSync(`${task}/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const threads = readdirSync(task);
    expect(niceOf(String(portal.serverPid))).toBe(0);
    expect(threads.filter((tid) => niceOf(tid) === 10)).toHaveLength(availableParallelism() + 1);
    expect(threads.filter((tid) => niceOf(tid) !== 10).every((tid) => niceOf(tid) === 0)).toBe(true);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('on %s stops the portal and exits 0', async (signal) => {
    const portal = await start(signal);
    portal.child.kill(signal);
    const code = await new Promise((resolve) => portal.child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    await untilEnded(portal.serverPid);
    await expect(fetch(`${portal.url}/authserver/login`)).rejects.toThrow();
  });

  it('stops the portal when npm start itself is killed with kill -9', async () => {
    const portal = await start('killed');
    await portal.kill();
    await untilEnded(portal.serverPid);
    await expect(fetch(`${portal.url}/authserver/login`)).rejects.toThrow();
  });
});
