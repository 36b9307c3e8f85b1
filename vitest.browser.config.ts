import { defineConfig } from 'vitest/config';

// Report pages opened in a real headless Chromium (Debian's chromium package, driven by
// playwright-core): `npm run test:browser`. One file at a time: each starts its own browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
