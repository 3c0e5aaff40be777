import { fileURLToPath } from 'node:url';

/** Absolute path of the built page (`index.html` and `assets/`), produced by `pnpm --filter @aivo/admin-web build`. */
export const adminWebDistPath = fileURLToPath(new URL('./dist/', import.meta.url));

/** The URL path the page is built for; the service must serve `adminWebDistPath` here. */
export const adminWebBasePath = '/integrations/sis';
