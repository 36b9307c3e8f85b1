import { defineConfig } from 'vitest/config';

// Tests over the real dumps in ../shared/real-traces (never copied into the project).
export default defineConfig({
  test: {
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    include: ['test/real/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
