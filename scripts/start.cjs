// The entry of `npm start`: the bundle scripts/build.mjs made (prestart), run with glibc's malloc arenas capped
// and libuv's thread pool sized — both are read once, when a process starts, so on Linux this file starts node
// again with MALLOC_ARENA_MAX=1 unless the variable is already set, and passes signals and the exit code through.
// argon2 hashes run on the thread pool at most one per core (src/web/passwordHashing.ts). glibc gives each thread
// that ever hashed its own arena, which keeps its 19 MiB block afterwards; one arena holds one block per hash in
// flight instead (peak RSS under load −25 MB, npm run bench). One pool thread per core plus one for file and DNS
// work bounds the threads and never makes a file read wait behind hashes.
// CommonJS on purpose: loading an ES module already reads files on the pool, after which its size is fixed.
const { spawn } = require('node:child_process');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runServer() {
  process.env.UV_THREADPOOL_SIZE ??= String(require('node:os').availableParallelism() + 1);
  if (process.channel) {
    // The channel only tells when the starting process is gone (even by kill -9): stop as on SIGTERM then.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  import('../dist/portal/server.js');
}

function runWithArenasCapped() {
  const server = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    env: { ...process.env, MALLOC_ARENA_MAX: '1' },
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

if (process.platform === 'linux' && process.env.MALLOC_ARENA_MAX === undefined) runWithArenasCapped();
else runServer();
