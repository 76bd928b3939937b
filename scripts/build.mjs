// `npm start` runs this first (prestart): bundles src/server.ts into dist/portal/server.js, packages left
// external, so the portal runs plain JavaScript without the TypeScript loader thread and its transform cache
// (about 40 MB of resident memory). Takes a fraction of a second; plain .mjs so it needs no loader itself.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server.ts'],
  // Two levels below the root like src/web/paths.ts and src/data/db.ts, whose import.meta.url finds views/ and db/.
  outfile: 'dist/portal/server.js',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
