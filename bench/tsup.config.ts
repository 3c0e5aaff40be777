import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { 'run-bench': 'src/run-bench.ts', 'sync-workload': 'src/sync-workload.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
