import { defineConfig } from 'vitest/config';

// Real browsers and a real Request Tracker: one file at a time, generous but bounded timeouts.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    environment: 'node',
  },
});
