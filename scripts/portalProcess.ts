// Runs the real portal (src/server.ts) as a child process on loopback, for the crash test and the benchmark.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface PortalProcess {
  url: string;
  child: ChildProcess;
  /** The process that serves: the child itself, or the node that `npm start`'s entry (scripts/start.cjs) started. */
  serverPid: number;
  /** Everything the process wrote, for a failing test's message. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9) and wait for the exit. */
  kill(): Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The one process a process started (Linux), or the process itself when it started none. */
function serverPidOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return children.length === 1 ? Number(children[0]) : pid;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The node arguments of `npm start` (package.json), so what is measured is what users run. */
function productionStart(): string[] {
  const [command, ...args] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start is not "node …": ${command}`);
  return args;
}

/**
 * Starts the portal with the given environment and waits until the login page answers: `node --import tsx
 * src/server.ts`, or with `bundled` the production start path (`npm start`: dist/portal/server.js, built first).
 */
export async function startPortal(
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number; port?: number; bundled?: boolean } = {},
): Promise<PortalProcess> {
  const port = options.port ?? (await freePort());
  if (options.bundled) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const entry = options.bundled ? productionStart() : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/authserver/login`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`portal did not answer within the time limit:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    serverPid: options.bundled ? serverPidOf(child.pid!) : child.pid!,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
