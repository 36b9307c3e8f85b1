import { defineConfig } from 'vitest/config';

// `npm run test:real`: the real dumps in ../shared/real-traces (or TRACECTL_REAL_TRACES), never
// copied into the project; test/helpers/real-dumps.ts lists the dumps expected there.
export default defineConfig({
  test: {
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    include: ['test/real/**/*.test.ts'],
    // As in vitest.config.ts: one forked process per test file (process-wide state stays in its
    // file), two at a time for the 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    expect: { requireAssertions: true },
    testTimeout: 120_000,
  },
});
