import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/test/setup-tests.ts'],
    // Typing through user-event in jsdom is slow on the shared 2-core machine.
    testTimeout: 30_000,
  },
});
