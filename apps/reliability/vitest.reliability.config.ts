import { defineConfig } from 'vitest/config';

// `pnpm test:reliability`: every scenario. Files that start an embedded PostgreSQL or child services run one
// at a time so the suite stays within a 2-core CI machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
