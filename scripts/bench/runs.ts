// The bench's runs, each a closed loop against a server on loopback, measured with the load generator's CPU share.
import { spawn } from 'node:child_process';
import { activate, apiOf, applicant, send, Visitor, type Applicant } from '../portalClient.ts';
import { freePort } from '../portalProcess.ts';
import { fullCasLogin, type CasUser } from './casClient.ts';
import { closedLoop, CORES, measured, percentile } from './measure.ts';

/**
 * Full activations, all steps, codes read from the outbox, 16 clients; one argon2id hash each. Each `series`
 * (one digit) is its own set of candidates.
 */
export async function activationRun(base: string, token: string, institutionCode: string, what: { count: number; series: number; serverPid: number }) {
  const { count, series, serverPid } = what;
  // Distinct candidates, phones and addresses, so no per-number or per-candidate limit applies.
  const api = apiOf(base, token);
  const people: Applicant[] = Array.from({ length: count }, (_, i) => applicant(i, institutionCode, series));
  for (const p of people) await api.createCandidate(p);
  let next = 0;
  let confirmed = 0;
  const run = await measured(() => Promise.all(Array.from({ length: 16 }, async () => {
    while (next < people.length) {
      if (await activate(new Visitor(base), api, people[next++]!)) confirmed++;
    }
  })), [serverPid]);
  if (confirmed !== people.length) throw new Error(`only ${confirmed} of ${people.length} activations confirmed`);
  return {
    people, perSecond: confirmed / run.seconds, generatorShare: run.generatorShare,
    cpuSecondsEach: run.serverCpuSeconds / confirmed, mainThreadCpuSecondsEach: run.serverMainThreadCpuSeconds / confirmed,
  };
}

/** What a stretch of CAS logins did: counts and times, added up over the stretches of one server. */
export interface LoginTally {
  logins: number; seconds: number; generatorCpuSeconds: number; serverCpuSeconds: number; serverMainThreadCpuSeconds: number; validationsMs: number[];
}

/**
 * A CAS server to log in to: its base URL (…/login, …/serviceValidate), a service it accepts, users, the boxes a
 * person ticks on its login form, and its processes if known.
 */
export interface CasTarget { casUrl: string; service: string; users: CasUser[]; ticks: string[]; serverPids: number[] }

/** One login per user, which also proves the credentials before anything is measured. */
export async function warmUpCasLogins({ casUrl, service, users, ticks }: CasTarget): Promise<void> {
  await Promise.all(users.map((u) => fullCasLogin(casUrl, service, u, ticks)));
}

/**
 * Full CAS logins by `clients` fresh browsers in a closed loop, one argon2id verify each; client i logs in as
 * user i (modulo their number), as a person does, one login at a time. The ticket validation latencies are those
 * of the logins' own validations, so they show what the logins running meanwhile do to them.
 */
export async function casLoginRun(target: CasTarget, clients: number, seconds: number): Promise<LoginTally> {
  const { casUrl, service, users, ticks, serverPids } = target;
  const run = await measured(() => closedLoop(clients, seconds, (client) => fullCasLogin(casUrl, service, users[client % users.length]!, ticks)), serverPids);
  return {
    logins: run.result.length, seconds: run.seconds, generatorCpuSeconds: run.generatorShare * run.seconds * CORES,
    serverCpuSeconds: run.serverCpuSeconds, serverMainThreadCpuSeconds: run.serverMainThreadCpuSeconds, validationsMs: run.result,
  };
}

export function loginFigures(tallies: LoginTally[]) {
  const sum = (f: (t: LoginTally) => number) => tallies.reduce((total, t) => total + f(t), 0);
  const logins = sum((t) => t.logins);
  const seconds = sum((t) => t.seconds);
  const validations = tallies.flatMap((t) => t.validationsMs).sort((a, b) => a - b);
  return {
    perSecond: logins / seconds,
    generatorShare: sum((t) => t.generatorCpuSeconds) / (seconds * CORES),
    cpuSecondsEach: sum((t) => t.serverCpuSeconds) / logins,
    mainThreadCpuSecondsEach: sum((t) => t.serverMainThreadCpuSeconds) / logins,
    validationP50: percentile(validations, 50),
    validationP99: percentile(validations, 99),
  };
}

/** GETs of each URL by 64 clients in a closed loop, the URLs taken in turn a-b-b-a as for the logins above; the second is the portal's. */
export async function getRates(urls: [string, string], seconds: number, portalPid: number) {
  const totals = urls.map(() => ({ requests: 0, seconds: 0, generatorCpuSeconds: 0, mainThreadCpuSeconds: 0 }));
  for (const i of [0, 1, 1, 0]) {
    const run = await measured(() => closedLoop(64, seconds / 2, async () => {
      const reply = await send(urls[i]!);
      if (reply.status !== 200) throw new Error(`GET ${urls[i]}: ${reply.status}`);
    }), i === 1 ? [portalPid] : []);
    totals[i]!.requests += run.result.length;
    totals[i]!.seconds += run.seconds;
    totals[i]!.generatorCpuSeconds += run.generatorShare * run.seconds * CORES;
    totals[i]!.mainThreadCpuSeconds += run.serverMainThreadCpuSeconds;
  }
  const rate = (t: (typeof totals)[number]) => ({
    perSecond: t.requests / t.seconds, generatorShare: t.generatorCpuSeconds / (t.seconds * CORES), mainThreadCpuSecondsEach: t.mainThreadCpuSeconds / t.requests,
  });
  return [rate(totals[0]!), rate(totals[1]!)] as const;
}

/** A 10,000-row roster import through the API (validation and the all-or-nothing write); seconds end to end. */
export async function importRun(base: string, token: string, rows: number, institutionCode: string): Promise<number> {
  const roster = Array.from({ length: rows }, (_, i) => {
    const { candidateNo, name, idType, idNumber } = applicant(i, institutionCode, 6);
    return { candidateNo, name, idType, idNumber, department: '信息与通信工程学院', major: '信息与通信工程' };
  });
  const t = performance.now();
  const reply = await send(`${base}/api/v1/roster/import`, {
    method: 'POST', body: JSON.stringify(roster), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const seconds = (performance.now() - t) / 1000;
  const report = JSON.parse(reply.text) as { inserted?: number };
  if (reply.status !== 200 || report.inserted !== rows) throw new Error(`roster import: ${reply.status} ${reply.text.slice(0, 300)}`);
  return seconds;
}

/** A bare Express hello-world in a child process: the yardstick for page throughput. */
export async function startBareExpress(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const code = `const e=require('express');const a=e();a.get('/',(q,r)=>r.send('hello world'));a.listen(${port},'127.0.0.1',()=>console.log('up'))`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}
