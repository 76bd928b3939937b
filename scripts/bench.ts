// npm run bench: the portal in production mode on loopback, measured against its own ceilings in one run.
// Writes bench/results.json and prints a table. `npm run bench -- --profile` also writes CPU profiles to artifacts/bench-profiles/.
import argon2 from 'argon2';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { activate, apiOf, applicant, send, Visitor } from './portalClient.ts';
import { freePort, startPortal, type PortalProcess } from './portalProcess.ts';

const TOKEN = 'bench-api-token-0123456789';
const CORES = availableParallelism();
const PROFILE = process.argv.includes('--profile');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ACTIVATIONS = Number(process.env.BENCH_ACTIVATIONS ?? 120);

interface Row { measure: string; value: number; unit: string; versus?: string; ratio?: number; target?: string; met?: boolean }
const rows: Row[] = [];

/** CPU time this process (the load generator) spent during fn, as a share of all cores over the wall time. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; generatorShare: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { result, seconds, generatorShare: (cpu.user + cpu.system) / 1e6 / (seconds * CORES) };
}

/** Runs `clients` loops of `once` for `seconds`; returns completions and per-call latencies in ms. */
async function closedLoop(clients: number, seconds: number, once: () => Promise<void>) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      await once();
      latencies.push(performance.now() - t);
    }
  }));
  return latencies;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** argon2id hashes and verifies per second at the portal's parameters, all cores busy: the ceiling. */
async function argon2Ceiling(params: { memoryCost: number; timeCost: number; parallelism: number }) {
  const options = { type: argon2.argon2id as 2, ...params };
  const hash = await argon2.hash('Chengdu#Spring2026!', options);
  const inFlight = CORES * 2;
  const hashes = await closedLoop(inFlight, SECONDS, async () => { await argon2.hash('Chengdu#Spring2026!', options); });
  const verifies = await closedLoop(inFlight, SECONDS, async () => { await argon2.verify(hash, 'Chengdu#Spring2026!'); });
  return { hashPerSecond: hashes.length / SECONDS, verifyPerSecond: verifies.length / SECONDS };
}

/** Starts a bare Express hello-world in a child process; the yardstick for page throughput. */
async function startBareExpress(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const code = `const e=require('express');const a=e();a.get('/',(q,r)=>r.send('hello world'));a.listen(${port},'127.0.0.1',()=>console.log('up'))`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

async function getRate(url: string): Promise<{ perSecond: number; generatorShare: number }> {
  const run = await measured(() => closedLoop(64, SECONDS, async () => {
    const reply = await send(url);
    if (reply.status !== 200) throw new Error(`GET ${url}: ${reply.status}`);
  }));
  return { perSecond: run.result.length / run.seconds, generatorShare: run.generatorShare };
}

/** Peak resident set size of a process in MB (Linux VmHWM). */
function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

const loadAtStart = loadavg()[0]!;

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production' });
  const dir = mkdtempSync(join(tmpdir(), 'idas-bench-'));
  const profileDir = join(process.cwd(), 'artifacts', 'bench-profiles');
  if (PROFILE) mkdirSync(profileDir, { recursive: true });
  let portal: PortalProcess | undefined;
  const bare = await startBareExpress();
  try {
    portal = await startPortal(
      { NODE_ENV: 'production', DATABASE_PATH: join(dir, 'bench.sqlite'), API_TOKEN: TOKEN },
      { nodeArgs: PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [] },
    );
    console.log(`portal ${portal.url} (pid ${portal.child.pid}), argon2id m=${config.argon2.memoryCost} KiB t=${config.argon2.timeCost} p=${config.argon2.parallelism}, ${CORES} cores`);

    const ceiling = await argon2Ceiling(config.argon2);
    rows.push({ measure: 'argon2id hash (ceiling)', value: ceiling.hashPerSecond, unit: '/s' });
    rows.push({ measure: 'argon2id verify (ceiling)', value: ceiling.verifyPerSecond, unit: '/s' });

    // Activations: distinct candidates, phones and addresses, so no per-number or per-candidate limit applies.
    const api = apiOf(portal.url, TOKEN);
    const people = Array.from({ length: ACTIVATIONS }, (_, i) => applicant(i, config.university.institutionCode, 4));
    for (const p of people) await api.createCandidate(p);
    let next = 0;
    let confirmed = 0;
    const run = await measured(() => Promise.all(Array.from({ length: 16 }, async () => {
      while (next < people.length) {
        if (await activate(new Visitor(portal!.url), api, people[next++]!)) confirmed++;
      }
    })));
    if (confirmed !== people.length) throw new Error(`only ${confirmed} of ${people.length} activations confirmed`);
    const activationsPerSecond = confirmed / run.seconds;
    // One argon2id hash per activation, so the hash rate is its ceiling; the generator's CPU share is not reachable.
    const reachable = ceiling.hashPerSecond * (1 - run.generatorShare);
    rows.push({ measure: 'load generator CPU share (activations)', value: run.generatorShare * 100, unit: '%' });
    rows.push({
      measure: 'full activations (16 clients)', value: activationsPerSecond, unit: '/s',
      versus: `reachable ${reachable.toFixed(1)}/s`, ratio: activationsPerSecond / reachable, target: '≥ 0.8', met: activationsPerSecond / reachable >= 0.8,
    });

    const bareRate = await getRate(bare.url);
    const loginRate = await getRate(`${portal.url}/authserver/login`);
    rows.push({ measure: 'bare Express hello-world GET (64 clients)', value: bareRate.perSecond, unit: '/s' });
    rows.push({
      measure: 'login page GET (64 clients)', value: loginRate.perSecond, unit: '/s',
      versus: 'bare Express', ratio: loginRate.perSecond / bareRate.perSecond, target: '≥ 0.5', met: loginRate.perSecond / bareRate.perSecond >= 0.5,
    });

    const rss = peakRssMb(portal.child.pid!);
    rows.push({ measure: 'portal peak RSS', value: rss, unit: 'MB', target: '< 200', met: rss < 200 });
  } finally {
    bare.stop();
    await portal?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  report();
}

function report() {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 2));
  const table = rows.map((r) => ({
    measure: r.measure,
    value: `${fmt(r.value)} ${r.unit}`,
    versus: r.versus ?? '',
    ratio: r.ratio === undefined ? '' : r.ratio.toFixed(2),
    target: r.target ?? '',
    met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  }));
  console.table(table);
  // Other work on the machine skews every figure, so the load average is recorded with them.
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown', cores: CORES, node: process.version, platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: Number(loadAtStart.toFixed(2)), loadAverageAtEnd: Number(loadavg()[0]!.toFixed(2)),
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync(join('bench', 'results.json'), JSON.stringify({ ranAt: new Date().toISOString(), machine, rows }, null, 2) + '\n');
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}; written to bench/results.json`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
