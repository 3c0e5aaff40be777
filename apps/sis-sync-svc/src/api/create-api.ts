import { OpenAPIHono } from '@hono/zod-openapi';
import { createAdminWebRoutes } from './admin-web-routes.js';
import type { ApiDependencies, ApiEnvironment } from './api-dependencies.js';
import { ApiError, createErrorHandler } from './api-error.js';
import { authenticate } from './authenticate.js';
import { createMetaRoutes } from './routes/meta-routes.js';
import { createProviderRoutes } from './routes/provider-routes.js';
import { createRosterRoutes } from './routes/roster-routes.js';
import { createRunRoutes } from './routes/run-routes.js';
import { createSyncRoutes } from './routes/sync-routes.js';

/** Extra settings of {@link createApi}. */
export interface CreateApiOptions {
  /** Answers /readyz; true when the database answers and jobs run. */
  isReady?: () => Promise<boolean>;
  version?: string;
  /** The built admin page to serve at `/integrations/sis` (see `findAdminWebDistPath`). */
  adminWebDistPath?: string;
}

/**
 * Builds the Hono app: `/healthz`, `/readyz`, the authenticated `/api/v1` resources, the OpenAPI
 * document at `/api/v1/openapi.json` and the admin page at `/integrations/sis`.
 *
 * @example
 * const app = createApi(dependencies);
 * const response = await app.request('/api/v1/schedule-presets', { headers: { authorization: `Bearer ${token}` } });
 */
export function createApi(dependencies: ApiDependencies, options: CreateApiOptions = {}) {
  const app = new OpenAPIHono<ApiEnvironment>();
  app.onError(createErrorHandler(dependencies.logger));
  app.notFound(() => {
    throw new ApiError(404, 'not_found', 'No such endpoint');
  });

  app.use('*', async (context, next) => {
    const startedAt = performance.now();
    await next();
    dependencies.logger.info(
      {
        method: context.req.method,
        path: context.req.path,
        status: context.res.status,
        durationMs: Math.round(performance.now() - startedAt),
      },
      'request',
    );
  });
  app.get('/healthz', (context) => context.json({ status: 'ok' }));
  app.get('/readyz', async (context) => {
    let ready = false;
    try {
      await dependencies.pool.query('SELECT 1');
      ready = options.isReady ? await options.isReady() : true;
    } catch {
      ready = false;
    }
    return context.json({ status: ready ? 'ready' : 'not_ready' }, ready ? 200 : 503);
  });

  const api = new OpenAPIHono<ApiEnvironment>();
  api.use('*', async (context, next) => {
    if (context.req.path === '/api/v1/openapi.json') return next();
    return authenticate(dependencies.verifyToken)(context, next);
  });
  api.route('/', createProviderRoutes(dependencies));
  api.route('/', createSyncRoutes(dependencies));
  api.route('/', createRunRoutes(dependencies));
  api.route('/', createRosterRoutes(dependencies));
  api.route('/', createMetaRoutes());
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Aivo SIS roster sync API',
      version: options.version ?? '0.1.0',
      description:
        'Providers, syncs, runs and the synced roster. Every endpoint needs a DISTRICT_ADMIN or PLATFORM_ADMIN bearer token.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
  });
  app.route('/api/v1', api);
  app.route('/', createAdminWebRoutes(options.adminWebDistPath));
  return app;
}
