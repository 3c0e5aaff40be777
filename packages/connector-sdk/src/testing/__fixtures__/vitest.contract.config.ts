import { defineConfig } from 'vitest/config';

// Config of the nested run in connector-contract.test.ts.
export default defineConfig({
  test: {
    include: ['src/testing/__fixtures__/*.contract.ts'],
    root: new URL('../../..', import.meta.url).pathname,
  },
});
