// npm run bench: the portal in production mode on loopback, measured against its own ceilings in one run.
// Writes bench/results.json and prints a table. `npm run bench -- --profile` also writes CPU profiles to artifacts/bench-profiles/.
import argon2 from 'argon2';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import {
  activate, apiOf, applicant, casLogin, send, ssoTicket, validateTicket, Visitor, wecomService, type Applicant,
} from './portalClient.ts';
import { freePort, startPortal, type PortalProcess } from './portalProcess.ts';

const TOKEN = 'bench-api-token-0123456789';
const CORES = availableParallelism();
// glibc malloc settings given to the bench are passed on, e.g. `MALLOC_ARENA_MAX=1 npm run bench`.
const MALLOC_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MALLOC_'))) as Record<string, string>;
const PROFILE = process.argv.includes('--profile');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ACTIVATIONS = Number(process.env.BENCH_ACTIVATIONS ?? 120);
const IMPORT_ROWS = 10_000;
const VALIDATION_RATE = Number(process.env.BENCH_VALIDATION_RATE ?? 400);
// Enough minted tickets for the saturated run and the paced one.
const VALIDATIONS = Number(process.env.BENCH_VALIDATIONS ?? 16000);

interface Row { measure: string; value: number; unit: string; versus?: string; ratio?: number; cpuRatio?: number; target?: string; met?: boolean }
const rows: Row[] = [];

let portalPid = 0;

/** CPU seconds a process has used so far (utime + stime from /proc, in clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Runs fn and measures the load generator's CPU time (this process) as a share of all cores over the
 * wall time, and the CPU seconds the portal spent meanwhile.
 */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; generatorShare: number; portalCpuSeconds: number }> {
  const cpu0 = process.cpuUsage();
  const portal0 = portalPid ? cpuSecondsOf(portalPid) : 0;
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const portalCpuSeconds = portalPid ? cpuSecondsOf(portalPid) - portal0 : 0;
  return { result, seconds, generatorShare: (cpu.user + cpu.system) / 1e6 / (seconds * CORES), portalCpuSeconds };
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

type Ceiling = Awaited<ReturnType<typeof argon2Ceiling>>;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** argon2id hashes and verifies per second at the portal's parameters, all cores busy: the ceiling. */
async function argon2Ceiling(params: { memoryCost: number; timeCost: number; parallelism: number }) {
  const options = { type: argon2.argon2id as 2, ...params };
  const hash = await argon2.hash('Chengdu#Spring2026!', options);
  // One in flight per core: what the portal itself allows (src/web/passwordHashing.ts).
  const inFlight = CORES;
  const hashes = await measured(() => closedLoop(inFlight, SECONDS, async () => { await argon2.hash('Chengdu#Spring2026!', options); }));
  const verifies = await measured(() => closedLoop(inFlight, SECONDS, async () => { await argon2.verify(hash, 'Chengdu#Spring2026!'); }));
  const cpuSeconds = (run: typeof hashes) => (run.generatorShare * run.seconds * CORES) / run.result.length;
  return {
    hashPerSecond: hashes.result.length / hashes.seconds,
    verifyPerSecond: verifies.result.length / verifies.seconds,
    // CPU time of one hash or verify: unlike rates, not skewed by other work on a shared machine.
    hashCpuSeconds: cpuSeconds(hashes),
    verifyCpuSeconds: cpuSeconds(verifies),
  };
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

/** Resident set size of a process in MB, now (VmRSS) or at its peak (VmHWM). */
function rssMb(pid: number, which: 'VmRSS' | 'VmHWM'): number {
  const kb = new RegExp(`${which}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

const loadAtStart = loadavg()[0]!;

/** Full activations, all steps, codes read from the outbox; one argon2id hash each, so the hash rate is the ceiling. */
async function benchActivations(base: string, ceiling: Ceiling, institutionCode: string): Promise<Applicant[]> {
  // Distinct candidates, phones and addresses, so no per-number or per-candidate limit applies.
  const api = apiOf(base, TOKEN);
  const people = Array.from({ length: ACTIVATIONS }, (_, i) => applicant(i, institutionCode, 4));
  for (const p of people) await api.createCandidate(p);
  let next = 0;
  let confirmed = 0;
  const run = await measured(() => Promise.all(Array.from({ length: 16 }, async () => {
    while (next < people.length) {
      if (await activate(new Visitor(base), api, people[next++]!)) confirmed++;
    }
  })));
  if (confirmed !== people.length) throw new Error(`only ${confirmed} of ${people.length} activations confirmed`);
  const perSecond = confirmed / run.seconds;
  // What the generator's own CPU time takes from the two cores is not reachable by the portal.
  const reachable = ceiling.hashPerSecond * (1 - run.generatorShare);
  rows.push({
    measure: 'full activations (16 clients)', value: perSecond, unit: '/s', versus: `reachable ${reachable.toFixed(1)}/s (generator ${(run.generatorShare * 100).toFixed(0)}% CPU)`,
    ratio: perSecond / reachable, cpuRatio: ceiling.hashCpuSeconds / (run.portalCpuSeconds / confirmed), target: '≥ 0.8', met: perSecond / reachable >= 0.8,
  });
  return people;
}

/** Full CAS logins (GET form, POST credentials, validate the ticket) at 1, 8 and 64 clients; one argon2 verify each. */
async function benchLogins(base: string, ceiling: Ceiling, people: Applicant[]): Promise<void> {
  const service = wecomService(base);
  let n = 0;
  const once = async () => {
    const p = people[n++ % people.length]!;
    const validation = await validateTicket(base, service, await casLogin(new Visitor(base), service, p.candidateNo, p.password));
    if (!validation.ok) throw new Error(`validation failed: ${validation.code}`);
  };
  for (const clients of [1, 8, 64]) {
    const run = await measured(() => closedLoop(clients, SECONDS, once));
    const perSecond = run.result.length / run.seconds;
    const reachable = ceiling.verifyPerSecond * (1 - run.generatorShare);
    rows.push({
      measure: `full CAS logins (${clients} client${clients > 1 ? 's' : ''})`, value: perSecond, unit: '/s',
      versus: `reachable ${reachable.toFixed(1)}/s (generator ${(run.generatorShare * 100).toFixed(0)}% CPU)`,
      ratio: perSecond / reachable, cpuRatio: ceiling.verifyCpuSeconds / (run.portalCpuSeconds / run.result.length),
      target: clients === 1 ? '' : '≥ 0.9', met: clients === 1 ? undefined : perSecond / reachable >= 0.9,
    });
  }
}

/** 64 clients, each calling `once` VALIDATION_RATE / 64 times a second at random moments; sorted latencies in ms. */
async function pacedLatencies(once: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (performance.now() < until) {
      await new Promise((r) => setTimeout(r, Math.random() * 2 * (64_000 / VALIDATION_RATE)));
      const t = performance.now();
      await once();
      latencies.push(performance.now() - t);
    }
  }));
  return latencies.sort((a, b) => a - b);
}

/** Ticket validation latency under 64 clients; the tickets are minted beforehand by single sign-on. */
async function benchValidation(base: string, people: Applicant[]): Promise<void> {
  const service = wecomService(base);
  const browsers = await Promise.all(people.slice(0, 16).map(async (p) => {
    const v = new Visitor(base);
    await validateTicket(base, service, await casLogin(v, service, p.candidateNo, p.password));
    return v;
  }));
  const tickets: string[] = [];
  await Promise.all(browsers.map(async (v) => {
    while (tickets.length < VALIDATIONS) tickets.push(await ssoTicket(v, service));
  }));
  // Saturated: 64 clients validating back to back, so latency is 64 / throughput (Little's law).
  let next = 0;
  const saturated = await measured(() => closedLoop(64, SECONDS, async () => {
    const validation = await validateTicket(base, service, tickets[next++]!);
    if (!validation.ok) throw new Error(`validation failed: ${validation.code}`);
  }));
  rows.push({ measure: 'ticket validations, saturated (64 clients)', value: saturated.result.length / saturated.seconds, unit: '/s' });
  const latencies = await pacedLatencies(async () => {
    const validation = await validateTicket(base, service, tickets[next++]!);
    if (!validation.ok) throw new Error(`validation failed: ${validation.code}`);
  });
  rows.push({ measure: `ticket validation p50 (64 clients, ${VALIDATION_RATE}/s)`, value: percentile(latencies, 50), unit: 'ms' });
  const p99 = percentile(latencies, 99);
  rows.push({ measure: `ticket validation p99 (64 clients, ${VALIDATION_RATE}/s)`, value: p99, unit: 'ms', target: '< 10', met: p99 < 10 });
}

/** A 10,000-row roster import through the API (validation and the all-or-nothing write), timed end to end. */
async function benchImport(base: string, institutionCode: string): Promise<void> {
  const roster = Array.from({ length: IMPORT_ROWS }, (_, i) => {
    const { candidateNo, name, idType, idNumber } = applicant(i, institutionCode, 6);
    return { candidateNo, name, idType, idNumber, department: '信息与通信工程学院', major: '信息与通信工程' };
  });
  const t = performance.now();
  const reply = await send(`${base}/api/v1/roster/import`, {
    method: 'POST', body: JSON.stringify(roster), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  const seconds = (performance.now() - t) / 1000;
  const report = JSON.parse(reply.text) as { inserted?: number };
  if (reply.status !== 200 || report.inserted !== IMPORT_ROWS) throw new Error(`roster import: ${reply.status} ${reply.text.slice(0, 300)}`);
  rows.push({ measure: `roster import, ${IMPORT_ROWS} rows (API)`, value: seconds, unit: 's', target: '< 3', met: seconds < 3 });
}

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production' });
  const dir = mkdtempSync(join(tmpdir(), 'idas-bench-'));
  const profileDir = join(process.cwd(), 'artifacts', 'bench-profiles');
  if (PROFILE) mkdirSync(profileDir, { recursive: true });
  let portal: PortalProcess | undefined;
  const bare = await startBareExpress();
  try {
    portal = await startPortal(
      // Service tickets live 5 minutes instead of 10 s: the validation run uses tickets minted before it starts.
      { ...MALLOC_ENV, NODE_ENV: 'production', DATABASE_PATH: join(dir, 'bench.sqlite'), API_TOKEN: TOKEN, CAS_ST_TTL_SECONDS: '300' },
      // The production start path: the bundle npm start builds, with npm start's node flags.
      { nodeArgs: PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [], bundled: true },
    );
    portalPid = portal.child.pid!;
    // After the start-up work (the first console admin's password is hashed once the server listens).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleRss = rssMb(portalPid, 'VmRSS');
    console.log(`portal ${portal.url} (pid ${portal.child.pid}), argon2id m=${config.argon2.memoryCost} KiB t=${config.argon2.timeCost} p=${config.argon2.parallelism}, ${CORES} cores`);

    const ceiling = await argon2Ceiling(config.argon2);
    rows.push({ measure: 'argon2id hash (ceiling)', value: ceiling.hashPerSecond, unit: '/s' });
    rows.push({ measure: 'argon2id verify (ceiling)', value: ceiling.verifyPerSecond, unit: '/s' });

    const people = await benchActivations(portal.url, ceiling, config.university.institutionCode);
    await benchLogins(portal.url, ceiling, people);
    await benchValidation(portal.url, people);
    await benchImport(portal.url, config.university.institutionCode);

    const bareRate = await getRate(bare.url);
    const loginRate = await getRate(`${portal.url}/authserver/login`);
    rows.push({ measure: 'bare Express hello-world GET (64 clients)', value: bareRate.perSecond, unit: '/s' });
    // The same paced load on the bare server: the latency floor this machine gives at that moment.
    const bareLatencies = await pacedLatencies(async () => { await send(bare.url); });
    rows.push({ measure: `bare Express GET p99 (64 clients, ${VALIDATION_RATE}/s)`, value: percentile(bareLatencies, 99), unit: 'ms' });
    rows.push({
      measure: 'login page GET (64 clients)', value: loginRate.perSecond, unit: '/s',
      versus: 'bare Express', ratio: loginRate.perSecond / bareRate.perSecond, target: '≥ 0.5', met: loginRate.perSecond / bareRate.perSecond >= 0.5,
    });

    const rss = rssMb(portal.child.pid!, 'VmHWM');
    rows.push({ measure: 'portal RSS after start, idle', value: idleRss, unit: 'MB' });
    rows.push({ measure: 'portal peak RSS', value: rss, unit: 'MB', target: '< 200', met: rss < 200 });
  } catch (err) {
    // What the portal wrote before it went away tells why a run failed.
    if (portal) console.error(portal.output().slice(-4000));
    throw err;
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
    'CPU ratio': r.cpuRatio === undefined ? '' : r.cpuRatio.toFixed(2),
    target: r.target ?? '',
    met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  }));
  console.table(table);
  console.log('ratio: the rate over the reachable limit (ceiling × (1 − generator CPU share)), or over bare Express.');
  console.log('CPU ratio: CPU time of one argon2id hash/verify ÷ the portal\'s CPU time per activation/login, i.e. the ratio with');
  console.log('both cores to the portal alone; unlike the rates it does not move with other work on a shared machine.');
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
