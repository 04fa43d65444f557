import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'src/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/engine/**/*.test.ts',
      'tests/server/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'dist/**', 'tests/e2e/**'],
    passWithNoTests: true,
    // A guard against hangs, not a speed check: property tests do real work, and two cores
    // shared with the e2e browser make 5 s too tight for them.
    testTimeout: 20_000,
  },
});
