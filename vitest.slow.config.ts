import { defineConfig } from 'vitest/config';

// `npm run test:slow`: big generated inputs (a chain of a million spans, 10 MB names: the
// `*.slow.test.ts` files) and the fuzz properties at full run counts (test/fuzz, which `npm test`
// runs with a few cases each).
export default defineConfig({
  test: {
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    include: ['test/**/*.slow.test.ts', 'test/fuzz/**/*.test.ts'],
    exclude: ['test/real/**', 'node_modules/**'],
    env: { TRACECTL_FUZZ_RUNS: '200' },
    // As in vitest.config.ts: one forked process per test file (process-wide state stays in its
    // file), two at a time for the 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    expect: { requireAssertions: true },
    // Every command over a million-span chain takes many minutes, more on a shared machine; a hang
    // still ends here.
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
  },
});
