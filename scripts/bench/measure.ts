// The bench's yardsticks: closed-loop load, CPU shares from /proc, percentiles, resident memory, the argon2id ceiling.
import argon2 from 'argon2';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const CORES = availableParallelism();

/** CPU seconds a process (or, with `thread`, one of its threads) has used so far (utime + stime, 1/100 s ticks). */
export function cpuSecondsOf(pid: number, thread?: number): number {
  const fields = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of a process in MB, now (VmRSS) or at its peak (VmHWM). */
export function rssMb(pid: number, which: 'VmRSS' | 'VmHWM'): number {
  const kb = new RegExp(`${which}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

export interface Measured<T> {
  result: T;
  seconds: number;
  /** This process's (the load generator's) CPU time as a share of all cores over the wall time. */
  generatorShare: number;
  /** CPU seconds the server's processes spent meanwhile (0 when their pids are not known). */
  serverCpuSeconds: number;
  /** The part of it on their main threads (a Node server's event loop). */
  serverMainThreadCpuSeconds: number;
}

export async function measured<T>(fn: () => Promise<T>, serverPids: number[] = []): Promise<Measured<T>> {
  const serverCpu = () => serverPids.reduce((total, pid) => total + cpuSecondsOf(pid), 0);
  const serverMainCpu = () => serverPids.reduce((total, pid) => total + cpuSecondsOf(pid, pid), 0);
  const cpu0 = process.cpuUsage();
  const server0 = serverCpu();
  const serverMain0 = serverMainCpu();
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverCpuSeconds = serverCpu() - server0;
  const serverMainThreadCpuSeconds = serverMainCpu() - serverMain0;
  return { result, seconds, generatorShare: (cpu.user + cpu.system) / 1e6 / (seconds * CORES), serverCpuSeconds, serverMainThreadCpuSeconds };
}

/** Runs `clients` loops of `once` (told which client calls) for `seconds`; returns what each call resolved to. */
export async function closedLoop<T>(clients: number, seconds: number, once: (client: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    while (performance.now() < until) results.push(await once(client));
  }));
  return results;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export interface Ceiling {
  perSecond: number;
  /** CPU time of one operation: unlike the rate, not skewed by other work on a shared machine. */
  cpuSeconds: number;
}

/**
 * argon2id hashes or verifies per second at the portal's parameters, one in flight per core (what the portal
 * itself allows, src/web/passwordHashing.ts), all cores busy: the ceiling of a run that does one of them each.
 */
export async function argon2Ceiling(
  operation: 'hash' | 'verify', params: { memoryCost: number; timeCost: number; parallelism: number }, seconds: number,
): Promise<Ceiling> {
  const options = { type: argon2.argon2id as 2, ...params };
  const hash = await argon2.hash('Chengdu#Spring2026!', options);
  const once: () => Promise<unknown> = operation === 'hash' ? () => argon2.hash('Chengdu#Spring2026!', options) : () => argon2.verify(hash, 'Chengdu#Spring2026!');
  const run = await measured(() => closedLoop(CORES, seconds, once));
  return { perSecond: run.result.length / run.seconds, cpuSeconds: (run.generatorShare * run.seconds * CORES) / run.result.length };
}
