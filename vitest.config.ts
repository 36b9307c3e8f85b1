import { defineConfig } from 'vitest/config';

// `npm test`: the unit and in-process CLI suites. Not here: the real dumps (`npm run test:real`,
// vitest.real.config.ts), the browser suite (`npm run test:browser`, needs Chromium), the terminal
// suite (`npm run test:tty`, needs tmux), the ClickHouse suite (`npm run test:clickhouse`, needs
// chdb), and big generated inputs and full-length fuzzing
// (`*.slow.test.ts` and the fuzz properties at full run counts, `npm run test:slow`).
export default defineConfig({
  test: {
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['test/real/**', 'test/browser/**', 'test/tty/**', 'test/clickhouse/**', 'test/**/*.slow.test.ts', 'node_modules/**'],
    // Pool and workers for the 2-core machine the suite is measured on (CONTRIBUTING.md). `forks`:
    // each test file in a process of its own, because the in-process CLI runs share process-wide
    // state a thread would share too (the effective user of test/helpers/unprivileged.ts, open
    // servers, listeners), and a file that crashes takes only itself down. Two workers, one per core:
    // vitest's default leaves one core idle, and most files spend their time on the CPU.
    pool: 'forks',
    maxWorkers: 2,
    // A test with no expect() at all proves nothing: it fails.
    expect: { requireAssertions: true },
    // Generous: the machine may be shared, and a test is not a timer (a hang still ends here).
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
