// npm run bench: the portal as `npm start` runs it, on loopback, measured against its own ceilings and, when one
// is named, another CAS server, in one run. Prints a table and writes bench/results.json. `npm run bench --
// --profile` also writes CPU profiles of the activation, CAS-login and login page runs and their top self-time
// functions. `npm run bench -- --only page` measures the login page row alone (prints it, writes no results).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { send, wecomService } from './portalClient.ts';
import { startPortal, type PortalProcess } from './portalProcess.ts';
import type { CasUser } from './bench/casClient.ts';
import { argon2Ceiling, closedLoop, CORES, rssMb } from './bench/measure.ts';
import { profileWindow, selfTimeReport, selfTimes, type CpuProfile } from './bench/profile.ts';
import {
  activationRun, casLoginRun, getRates, importRun, loginFigures, startBareExpress, warmUpCasLogins, type CasTarget, type LoginTally,
} from './bench/runs.ts';

const TOKEN = 'bench-api-token-0123456789';
const PROFILE = process.argv.includes('--profile');
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (ONLY !== undefined && ONLY !== 'page') throw new Error(`--only takes "page" (the login page row alone): ${ONLY}`);
const LOGIN_CLIENTS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
// The login runs need one activated account per client.
const ACTIVATIONS = Math.max(Number(process.env.BENCH_ACTIVATIONS ?? 120), LOGIN_CLIENTS);
const WARM_UP_ACTIVATIONS = 200;
const IMPORT_ROWS = 10_000;
// Before the login page row alone (--only page): the full bench runs it after thousands of other requests.
const PAGE_WARM_UP_SECONDS = 3;
// glibc malloc settings given to the bench reach the portal, e.g. `MALLOC_ARENA_MAX=2 npm run bench` to compare.
const MALLOC_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MALLOC_'))) as Record<string, string>;

/** Another CAS server to measure the same way: BENCH_COMPARE_CAS_URL, its users and their password. */
function otherCasServer() {
  const url = process.env.BENCH_COMPARE_CAS_URL?.replace(/\/+$/, '');
  if (!url) return undefined;
  const usernames = (process.env.BENCH_COMPARE_USERS ?? '').split(/[\s,]+/).filter(Boolean);
  const password = process.env.BENCH_COMPARE_PASSWORD;
  if (!usernames.length || !password) throw new Error('BENCH_COMPARE_CAS_URL needs BENCH_COMPARE_USERS and BENCH_COMPARE_PASSWORD');
  const pids = (process.env.BENCH_COMPARE_PIDS ?? '').split(/[\s,]+/).filter(Boolean);
  if (pids.some((pid) => !/^\d+$/.test(pid))) throw new Error(`BENCH_COMPARE_PIDS holds process ids: ${pids.join(' ')}`);
  const target: CasTarget = {
    casUrl: url,
    service: process.env.BENCH_COMPARE_SERVICE ?? 'http://localhost/bench/',
    users: usernames.map((username): CasUser => ({ username, password })),
    ticks: (process.env.BENCH_COMPARE_TICK ?? '').split(/[\s,]+/).filter(Boolean),
    // Its processes, when it runs here: their CPU time per login makes a comparison that other load moves less.
    serverPids: pids.map(Number),
  };
  return { label: process.env.BENCH_COMPARE_LABEL ?? url, target };
}

const loadAtStart = loadavg()[0]!;

interface Row { measure: string; value: number | null; unit: string; versus?: string; ratio?: number; cpuRatio?: number; target?: string; met?: boolean }
const rows: Row[] = [];
const windows: Record<string, [number, number][]> = {};
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Runs fn and, for the profile, remembers when it ran (a phase may run in several stretches). */
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const from = nowUs();
  const result = await fn();
  (windows[name] ??= []).push([from, nowUs()]);
  return result;
}

const share = (generatorShare: number) => `generator ${(generatorShare * 100).toFixed(0)}% CPU`;
// What the portal spent, and how much of it on the event loop (the rest: argon2 and V8's helper threads).
const cpuEach = (r: { cpuSecondsEach: number; mainThreadCpuSecondsEach: number }, what: string) =>
  `${(r.cpuSecondsEach * 1000).toFixed(1)} ms of the portal's CPU ${what}, ${(r.mainThreadCpuSecondsEach * 1000).toFixed(1)} ms on the event loop`;

/** The rows bounded by argon2id: activations against the hash ceiling, CAS logins against the verify ceiling. */
async function hashingRows(url: string, serverPid: number, config: ReturnType<typeof loadConfig>, other: ReturnType<typeof otherCasServer>) {
  // Measured once the JIT has compiled the pages' code: V8's optimising compiler still took 7–8 ms of CPU an
  // activation after 64 of them, about 4.5 ms after 200 (a once-an-activation function gets hot slowly).
  await activationRun(url, TOKEN, config.university.institutionCode, { count: WARM_UP_ACTIVATIONS, series: 3, serverPid });
  // Each ceiling is measured just before the run it bounds: on a shared machine the load moves within a minute.
  const hashes = await argon2Ceiling('hash', config.argon2, SECONDS);
  rows.push({ measure: 'argon2id hash (ceiling)', value: hashes.perSecond, unit: '/s' });
  const activations = await phase('activations', () => activationRun(url, TOKEN, config.university.institutionCode, { count: ACTIVATIONS, series: 4, serverPid }));
  // What the generator's own CPU time takes from the cores is not reachable by the portal.
  const reachableActivations = hashes.perSecond * (1 - activations.generatorShare);
  rows.push({
    measure: 'full activations (16 clients)', value: activations.perSecond, unit: '/s',
    versus: `reachable ${reachableActivations.toFixed(1)}/s (${share(activations.generatorShare)}); ${cpuEach(activations, 'an activation')}`,
    ratio: activations.perSecond / reachableActivations, cpuRatio: hashes.cpuSeconds / activations.cpuSecondsEach,
    target: '≥ 0.8', met: activations.perSecond / reachableActivations >= 0.8,
  });

  const verifies = await argon2Ceiling('verify', config.argon2, SECONDS);
  rows.push({ measure: 'argon2id verify (ceiling)', value: verifies.perSecond, unit: '/s' });
  // One account per client: the portal counts a login in flight as a failure until it succeeds (reserve first,
  // settle after), so the same account logging in 3 times at once from one address meets the captcha.
  const users = activations.people.slice(0, LOGIN_CLIENTS).map((p): CasUser => ({ username: p.candidateNo, password: p.password }));
  // The person ticks 《隐私协议》, which the portal requires, as on the real portal.
  const ours: CasTarget = { casUrl: `${url}/authserver`, service: wecomService(url), users, ticks: ['agreeProtocol'], serverPids: [serverPid] };
  const theirs = other?.target;
  const tallies = new Map<CasTarget, LoginTally[]>();
  for (const target of theirs ? [ours, theirs] : [ours]) {
    await warmUpCasLogins(target);
    tallies.set(target, []);
  }
  // Against another server the runs alternate, ours-theirs-theirs-ours, so a change in the machine's load
  // during the runs falls on both alike.
  for (const target of theirs ? [ours, theirs, theirs, ours] : [ours]) {
    const run = () => casLoginRun(target, LOGIN_CLIENTS, theirs ? SECONDS / 2 : SECONDS);
    tallies.get(target)!.push(target === ours ? await phase('cas-logins', run) : await run());
  }
  const logins = loginFigures(tallies.get(ours)!);
  const reachableLogins = verifies.perSecond * (1 - logins.generatorShare);
  rows.push({
    measure: `full CAS logins (${LOGIN_CLIENTS} clients)`, value: logins.perSecond, unit: '/s',
    versus: `reachable ${reachableLogins.toFixed(1)}/s (${share(logins.generatorShare)}); ${cpuEach(logins, 'a login')}`,
    ratio: logins.perSecond / reachableLogins, cpuRatio: verifies.cpuSeconds / logins.cpuSecondsEach,
    target: '≥ 0.9', met: logins.perSecond / reachableLogins >= 0.9,
  });
  rows.push({
    measure: `ticket validation p99 (${LOGIN_CLIENTS} clients, while logins run)`, value: logins.validationP99, unit: 'ms',
    versus: `p50 ${logins.validationP50.toFixed(2)} ms`, target: '< 10', met: logins.validationP99 < 10,
  });
  if (theirs) {
    const them = loginFigures(tallies.get(theirs)!);
    const reachable = verifies.perSecond * (1 - them.generatorShare);
    const cpu = theirs.serverPids.length ? `; CPU per login ${(logins.cpuSecondsEach * 1000).toFixed(1)} ms here, ${(them.cpuSecondsEach * 1000).toFixed(1)} ms there` : '';
    rows.push({
      measure: `full CAS logins (${LOGIN_CLIENTS} clients): ${other!.label}`, value: them.perSecond, unit: '/s',
      versus: `this portal ${logins.perSecond.toFixed(1)}/s; theirs ${(them.perSecond / reachable).toFixed(2)} × reachable (${share(them.generatorShare)}), validation p50 / p99 ${them.validationP50.toFixed(1)} / ${them.validationP99.toFixed(0)} ms${cpu}`,
      ratio: logins.perSecond / them.perSecond, cpuRatio: theirs.serverPids.length ? them.cpuSecondsEach / logins.cpuSecondsEach : undefined,
      target: '≥ 2', met: logins.perSecond / them.perSecond >= 2,
    });
  } else {
    rows.push({ measure: `full CAS logins (${LOGIN_CLIENTS} clients): another CAS server`, value: null, unit: '', versus: 'not measured: BENCH_COMPARE_CAS_URL is not set', target: '≥ 2' });
  }
}

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production' });
  const other = otherCasServer();
  const dir = mkdtempSync(join(tmpdir(), 'idas-bench-'));
  const profileDir = join(process.cwd(), 'artifacts', 'bench-profiles');
  if (PROFILE) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  let portal: PortalProcess | undefined;
  const bare = await startBareExpress();
  try {
    portal = await startPortal(
      // Service tickets live 5 minutes instead of 10 s, so none expires while 64 clients queue for the CPU.
      // Captchas off, as test automation does: the load generator is another process and cannot read their answers.
      { ...MALLOC_ENV, NODE_ENV: 'production', DATABASE_PATH: join(dir, 'bench.sqlite'), API_TOKEN: TOKEN, CAS_ST_TTL_SECONDS: '300', CAPTCHA_ENABLED: 'false' },
      // What users run: `npm start`'s node flags and entry, on the bundle it builds.
      { nodeArgs: PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [], bundled: true },
    );
    const { url, serverPid } = portal;
    // After the start-up work (the first console admin's password is hashed once the server listens).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleRss = rssMb(serverPid, 'VmRSS');
    console.log(`portal ${url} (pid ${serverPid}), argon2id m=${config.argon2.memoryCost} KiB t=${config.argon2.timeCost} p=${config.argon2.parallelism}, ${CORES} cores, ${SECONDS} s a run`);

    if (ONLY === 'page') {
      // Unmeasured GETs first, so the page's code is compiled as it is after the full bench's earlier runs.
      await closedLoop(64, PAGE_WARM_UP_SECONDS, () => send(`${url}/authserver/login`));
    } else {
      await hashingRows(url, serverPid, config, other);
    }
    const [bareRate, loginPage] = await phase('login-page', () => getRates([bare.url, `${url}/authserver/login`], SECONDS, serverPid));
    rows.push({ measure: 'bare Express hello-world GET (64 clients)', value: bareRate.perSecond, unit: '/s', versus: share(bareRate.generatorShare) });
    rows.push({
      measure: 'login page GET (64 clients)', value: loginPage.perSecond, unit: '/s',
      versus: `bare Express (${share(loginPage.generatorShare)}); ${(loginPage.mainThreadCpuSecondsEach * 1000).toFixed(3)} ms on the portal's event loop a GET`,
      ratio: loginPage.perSecond / bareRate.perSecond, target: '≥ 0.5', met: loginPage.perSecond / bareRate.perSecond >= 0.5,
    });
    if (ONLY !== 'page') {
      const importSeconds = await importRun(url, TOKEN, IMPORT_ROWS, config.university.institutionCode);
      rows.push({ measure: `roster import, ${IMPORT_ROWS} rows (API)`, value: importSeconds, unit: 's', target: '< 3', met: importSeconds < 3 });
      const peak = rssMb(serverPid, 'VmHWM');
      rows.push({ measure: 'portal RSS after start, idle', value: idleRss, unit: 'MB' });
      rows.push({ measure: 'portal peak RSS (npm start)', value: peak, unit: 'MB', target: '< 200', met: peak < 200 });
      if (serverPid !== portal.child.pid) {
        rows.push({ measure: 'npm start entry process, peak RSS', value: rssMb(portal.child.pid!, 'VmHWM'), unit: 'MB', versus: 'starts the portal with glibc malloc tuned, passes signals' });
      }
    }
  } catch (err) {
    // What the portal wrote before it went away tells why a run failed.
    if (portal) console.error(portal.output().slice(-4000));
    throw err;
  } finally {
    bare.stop();
    await portal?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const profiles = PROFILE && portal ? summarizeProfiles(profileDir, portal.serverPid) : undefined;
  report(other?.target.casUrl, profiles);
}

/** Cuts the portal's profile into the activation, CAS-login and login page runs; prints and returns their top self times. */
function summarizeProfiles(profileDir: string, serverPid: number) {
  const file = readdirSync(profileDir).find((f) => f.includes(`.${serverPid}.`) && f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile of pid ${serverPid} in ${profileDir}`);
  const whole = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
  return Object.fromEntries(Object.entries(windows).map(([name, stretches]) => {
    const cut = profileWindow(whole, stretches);
    writeFileSync(join(profileDir, `${name}.cpuprofile`), JSON.stringify(cut));
    console.log(`\n${selfTimeReport(`${name} (artifacts/bench-profiles/${name}.cpuprofile)`, cut)}`);
    const { samples, functions, places } = selfTimes(cut);
    return [name, { samples, functions: functions.slice(0, 15), places: places.slice(0, 10) }];
  }));
}

function report(otherUrl: string | undefined, profiles: Record<string, unknown> | undefined) {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 2));
  console.table(rows.map((r) => ({
    measure: r.measure,
    value: r.value === null ? 'not measured' : `${fmt(r.value)} ${r.unit}`,
    versus: r.versus ?? '',
    ratio: r.ratio === undefined ? '' : r.ratio.toFixed(2),
    'CPU ratio': r.cpuRatio === undefined ? '' : r.cpuRatio.toFixed(2),
    target: r.target ?? '',
    met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  })));
  console.log('ratio: the rate over the reachable limit (argon2id ceiling × (1 − the load generator\'s CPU share)), over bare');
  console.log('Express, or this portal\'s login rate over the other CAS server\'s. CPU ratio: CPU time of one argon2id hash/verify ÷');
  console.log('the portal\'s CPU time per activation/login, i.e. the ratio with the cores to the portal alone (for the other CAS server:');
  console.log('its CPU time per login ÷ the portal\'s, with BENCH_COMPARE_PIDS); it moves less with other load than the rates.');
  // Other work on the machine skews every figure, so the load average is recorded with them.
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown', cores: CORES, node: process.version, platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: Number(loadAtStart.toFixed(2)), loadAverageAtEnd: Number(loadavg()[0]!.toFixed(2)),
    mallocEnv: MALLOC_ENV, compareCasUrl: otherUrl ?? null,
  };
  if (ONLY) {
    console.log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}; one row only: nothing written`);
    return;
  }
  // A profiled run's figures carry the profiler's cost: they go beside the plain run's, not over them.
  const out = join('bench', profiles ? 'profile.json' : 'results.json');
  mkdirSync('bench', { recursive: true });
  writeFileSync(out, JSON.stringify({ ranAt: new Date().toISOString(), machine, rows, ...(profiles ? { profiles } : {}) }, null, 2) + '\n');
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}; written to ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
