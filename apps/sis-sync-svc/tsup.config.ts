import { defineConfig } from 'tsup';

// Declarations come from `tsc -p tsconfig.build.json` (see the build script): bundling them with tsup
// would inline the whole generated Prisma client and take minutes.
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Resolved at run time: the page's build path is computed from its own module's location.
  external: ['@aivo/admin-web', '@aivo/admin-web/dist-path'],
});
