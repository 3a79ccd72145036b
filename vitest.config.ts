import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Database start-up (PGlite initdb, migrations) takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on CI: more workers only add PGlite start-ups.
    maxWorkers: 2,
  },
});
