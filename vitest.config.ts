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
  },
});
