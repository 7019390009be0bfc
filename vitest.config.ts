import { defineConfig } from 'vitest/config';

// The default suite: everything that needs no external server or browser.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.pg.test.ts', 'test/browser/**'],
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
