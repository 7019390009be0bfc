import { defineConfig } from 'vitest/config';

// The same storage and ticket suites against PostgreSQL at 127.0.0.1:5432 (database "test").
// Each run works in a fresh schema it drops afterwards, so parallel runs never collide.
export default defineConfig({
  test: {
    include: ['test/**/*.pg.test.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
