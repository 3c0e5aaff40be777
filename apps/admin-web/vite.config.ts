import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The page is served by sis-sync-svc under this path; every asset lives under `<base>assets/`. */
export const adminWebBase = '/integrations/sis/';

export default defineConfig({
  base: adminWebBase,
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
  },
  server: {
    // `pnpm dev` proxies the API to a service started with `pnpm --filter @aivo/sis-sync-svc dev`.
    proxy: { '/api': process.env.ADMIN_WEB_API_TARGET ?? 'http://127.0.0.1:3000' },
  },
});
