import { defineConfig } from 'vitest/config';

// Tests that need a real terminal: the built binary run inside tmux panes of chosen sizes
// (`npm run test:tty`; needs tmux on the PATH).
export default defineConfig({
  test: {
    include: ['test/tty/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
