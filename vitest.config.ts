import { defineConfig } from 'vitest/config';

// The unit and CLI suites: everything under test/ except the real-traces suite, which
// needs ../shared/real-traces and runs as `npm run test:real`, and the ClickHouse suite, which
// needs chdb and runs as `npm run test:clickhouse`.
export default defineConfig({
  test: {
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['test/real/**', 'test/clickhouse/**', 'node_modules/**'],
    testTimeout: 30_000,
  },
});
