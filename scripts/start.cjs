// The entry of `npm start`: the bundle scripts/build.mjs made (prestart), after sizing libuv's thread pool.
// CommonJS on purpose: loading an ES module already reads files on that pool, after which the size is fixed.
// argon2 hashes run there at most one per core (src/web/passwordHashing.ts) and every thread that ever hashed
// keeps its 19 MiB block in its malloc arena; one thread per core plus one for file and DNS work bounds that
// (3 threads instead of 4 on 2 cores) and still never makes a file read wait behind hashes.
process.env.UV_THREADPOOL_SIZE ??= String(require('node:os').availableParallelism() + 1);
import('../dist/portal/server.js');
