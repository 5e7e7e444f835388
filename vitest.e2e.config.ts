import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in Debian's Chromium against the built app on the real server. Budgets are generous
 * because the suite must hold on a loaded 2-core machine: every wait is for something a person sees
 * (an element, a text, a download), and these budgets only decide how long before calling it missing.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    // Two files at a time: each starts its own server on its own temporary SQLite file; a worker's files share one
    // module graph (isolate: false) and so one Chromium (tests/e2e/support.ts), each test in its own context.
    fileParallelism: true,
    maxWorkers: 2,
    isolate: false,
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
