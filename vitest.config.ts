import { defineConfig } from 'vitest/config';

// Three suites: unit tests next to the code, integration tests that start whole servers
// (and the real PostgreSQL/Redis/S3 when reachable), and browser tests in headless Chromium.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // What the page shows eventually: on 2 busy cores (a profile job starts as each upload
          // is ready) a grid's first page has taken over the default second. Speed is benched.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
