// The entry of `npm start`: the bundle scripts/build.mjs made (prestart), run with glibc's malloc tuned and
// libuv's thread pool sized — both are read once, when a process starts, so on Linux this file starts node again
// with the malloc variables below (each unless already set), and passes signals and the exit code through.
// argon2 hashes run on the thread pool at most one per core (src/web/passwordHashing.ts). glibc gives each thread
// that ever hashed its own arena, which keeps its 19 MiB block afterwards; one arena holds one block per hash in
// flight instead (peak RSS under load −25 MB, npm run bench). In that one arena glibc returned a freed block to
// the kernel whenever two were free at once, so the next hash faulted in and zeroed 19 MiB again (a fifth of
// its CPU time): the blocks come from the heap (below the mmap threshold) and stay there (below the trim
// threshold) for as many hashes as run at once. One pool thread per core plus one for file and DNS work bounds
// the threads and never makes a file read wait behind hashes.
// CommonJS on purpose: loading an ES module already reads files on the pool, after which its size is fixed.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const MIB = 1024 * 1024;
// glibc's largest mmap threshold: a hash's block up to this size is taken from the heap, and reused.
const LARGEST_HEAP_BLOCK = 32 * MIB;
const MALLOC_ENV = {
  MALLOC_ARENA_MAX: '1',
  MALLOC_MMAP_THRESHOLD_: String(LARGEST_HEAP_BLOCK),
  // One block kept per hash that may run at once (one per core).
  MALLOC_TRIM_THRESHOLD_: String(os.availableParallelism() * LARGEST_HEAP_BLOCK),
};
// A thread at nice 10 weighs a tenth of one at nice 0 when they compete for a core.
const THREAD_POOL_NICENESS = 10;
const unsetMallocEnv = () => Object.fromEntries(Object.entries(MALLOC_ENV).filter(([name]) => process.env[name] === undefined));

/**
 * Lowers the scheduling priority of libuv's pool threads (Linux; thread ids are accepted where a pid is): when
 * argon2 hashes fill every core, the event loop still gets a core at once instead of waiting for a time slice,
 * so a ticket validation or a page is not made to wait behind hashes (validation p99 while logins run 10.1 →
 * 7.8–8.0 ms, npm run bench). On a machine shared with other busy programs the hashes yield to those too.
 * libuv starts the whole pool at its first use, synchronously, so the threads that appear across one fs call
 * are the pool.
 */
function lowerThreadPoolPriority() {
  try {
    const before = new Set(fs.readdirSync('/proc/self/task'));
    fs.stat(__filename, () => {});
    for (const tid of fs.readdirSync('/proc/self/task')) {
      if (!before.has(tid)) os.setPriority(Number(tid), THREAD_POOL_NICENESS);
    }
  } catch (err) {
    // Without /proc, or where a sandbox refuses setpriority, the portal runs as before: only slower to answer under load.
    console.error(`pool threads keep their priority: ${err.message}`);
  }
}

function runServer() {
  process.env.UV_THREADPOOL_SIZE ??= String(os.availableParallelism() + 1);
  if (process.platform === 'linux') lowerThreadPoolPriority();
  if (process.channel) {
    // The channel only tells when the starting process is gone (even by kill -9): stop as on SIGTERM then.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  import('../dist/portal/server.js');
}

function runWithMallocTuned() {
  const server = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    env: { ...process.env, ...unsetMallocEnv() },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    // Its own process group: a Ctrl-C in the terminal reaches the server once, forwarded below, not twice.
    detached: true,
  });
  const forward = (signal) => server.kill(signal);
  for (const signal of SIGNALS) process.on(signal, forward);
  server.on('error', (err) => {
    console.error(`cannot start the portal: ${err.message}`);
    process.exit(1);
  });
  server.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    // Killed by a signal: end the same way, so whoever started npm start sees it.
    for (const s of SIGNALS) process.off(s, forward);
    process.kill(process.pid, signal);
  });
}

if (process.platform === 'linux' && Object.keys(unsetMallocEnv()).length) runWithMallocTuned();
else runServer();
