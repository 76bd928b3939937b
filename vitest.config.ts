import { defineConfig } from 'vitest/config';

// `npm test` runs every project. The proofs (browser, fuzzing, race, crash) start servers, browsers and
// child processes, so they get longer time limits and run one file at a time on the two shared cores.
const PROOFS = ['test/e2e/**/*.test.ts', 'test/fuzz/**/*.test.ts', 'test/race/**/*.test.ts', 'test/crash/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit+integration', include: ['test/**/*.test.ts'], exclude: PROOFS } },
      { extends: true, test: { name: 'proofs', include: PROOFS, testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
    ],
  },
});
