import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';

/** The URL path of the District Admin page. */
export const adminWebBasePath = '/integrations/sis';

/**
 * Serves the built admin page (`@aivo/admin-web`) at `/integrations/sis`: hashed assets cached for good,
 * any other path below it answered with `index.html` (the page routes on the client). The page itself
 * needs no token; it calls `/api/v1` with the one the admin signs in with.
 */
export function createAdminWebRoutes(distPath: string | undefined) {
  const app = new Hono();
  const indexHtml = distPath ? join(distPath, 'index.html') : undefined;
  if (!distPath || !indexHtml || !existsSync(indexHtml)) {
    app.get(`${adminWebBasePath}/*`, (context) =>
      context.text(
        'The admin page is not built. Run `pnpm build` (or `pnpm --filter @aivo/admin-web build`) and restart the service.',
        503,
      ),
    );
    app.get(adminWebBasePath, (context) => context.redirect(`${adminWebBasePath}/`));
    return app;
  }
  const withoutBasePath = (path: string) => path.slice(adminWebBasePath.length);
  // Hashed assets never change; index.html must be fetched anew so a new build is picked up.
  app.use(adminWebBasePath, cacheControl);
  app.use(`${adminWebBasePath}/*`, cacheControl);
  app.get(`${adminWebBasePath}/*`, serveStatic({ root: distPath, rewriteRequestPath: withoutBasePath }));
  const serveIndex = serveStatic({ path: indexHtml });
  app.get(adminWebBasePath, serveIndex);
  app.get(`${adminWebBasePath}/*`, serveIndex);
  return app;
}

/** Long-lived caching for hashed assets, none for the page itself. */
const cacheControl: MiddlewareHandler = async (context, next) => {
  await next();
  if (!context.res.ok) return;
  const isAsset = context.req.path.startsWith(`${adminWebBasePath}/assets/`);
  context.res.headers.set('Cache-Control', isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
};

/** Where `@aivo/admin-web` keeps its build, or undefined when the page is not installed with the service. */
export async function findAdminWebDistPath(): Promise<string | undefined> {
  try {
    const adminWeb = (await import('@aivo/admin-web/dist-path')) as { adminWebDistPath: string };
    return adminWeb.adminWebDistPath;
  } catch {
    return undefined;
  }
}
