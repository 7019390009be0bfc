import { defineConfig } from 'vitest/config';

// Real-browser tests: Debian's chromium driven by playwright-core against in-process servers.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120000,
    hookTimeout: 60000,
    // One chromium at a time: the machine has two cores.
    fileParallelism: false,
  },
});
