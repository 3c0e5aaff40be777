import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Integration tests run real loopback servers on a shared machine: allow for a slow moment.
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
