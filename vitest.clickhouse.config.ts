import { defineConfig } from 'vitest/config';

// The ClickHouse suite: tracectl against the real ClickHouse engine (chdb, installed outside the
// project by .ci/install-chdb.sh), through test/clickhouse/support/chdb-server.js. One file at a
// time: each starts its own engine, which takes memory.
export default defineConfig({
  test: {
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    include: ['test/clickhouse/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
