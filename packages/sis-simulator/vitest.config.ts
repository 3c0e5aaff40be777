import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The machines are shared by parallel builds: generous timeouts keep slow-but-correct runs green.
  test: { include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
