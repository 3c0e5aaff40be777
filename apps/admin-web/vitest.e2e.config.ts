import { defineConfig } from 'vitest/config';

/** Browser tests: real headless Chromium against a real running sis-sync-svc (see e2e/README section). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
