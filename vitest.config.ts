import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so the extension plugin never loads in tests.
export default defineConfig({
  test: {
    reporters: process.env.CI_JSON_REPORT
      ? ['default', ['json', { outputFile: process.env.CI_JSON_REPORT }]]
      : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/simulator/**/*.test.ts'],
          environment: 'node',
          // Does nothing unless CONNECT_DEVTOOLS_SHIFT_DAYS is set (npm run test:future): then the wall clock runs ahead.
          setupFiles: ['test/setup/shift-wall-clock.ts'],
          // Pure tests finish in milliseconds; the margin is for a shared two-core machine under load.
          testTimeout: 20_000,
          // Two files at a time even on two cores (vitest's default there is one): most of a file's time is loading
          // its modules, and the unit files all run before the browser files, never beside them.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // One Chromium per file; two cores cannot run several browsers well at once.
          fileParallelism: false,
        },
      },
    ],
  },
});
