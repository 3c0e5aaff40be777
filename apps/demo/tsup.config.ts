import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { 'demo-cli': 'src/demo-cli.ts', index: 'src/index.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
