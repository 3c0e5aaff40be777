import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  httpsOnlySourceUrlPolicy,
  insecureSourceUrlIssues,
  type SourceUrlPolicy,
} from '../providers/source-url-policy.js';
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
  /** Where provider configs may use plain-http URLs. Default: nowhere (https only). */
  sourceUrlPolicy?: SourceUrlPolicy;
}

/** Largest request body the API reads; a provider config with a PEM key is a few kilobytes. */
export const maxRequestBodyBytes = 1024 * 1024;

/**
 * Refuses a provider body (create, PATCH, test of an unsaved config) whose `config` holds a plain-http
 * source URL the policy does not allow. Runs before the routes so every provider route shares it; bodies
 * that are not JSON objects are left to the routes' own validation.
 */
function enforceSourceUrlPolicy(policy: SourceUrlPolicy): MiddlewareHandler {
  return async (context, next) => {
    if (!/^application\/([\w.-]+\+)?json/i.test(context.req.header('content-type') ?? '')) return next();
    const body: unknown = await context.req.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || !('config' in body)) return next();
    const issues = insecureSourceUrlIssues(body.config, policy);
    if (issues.length > 0) {
      throw ApiError.validation(issues.map((issue) => ({ ...issue, path: `config.${issue.path}` })));
    }
    return next();
  };
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
  api.use(
    '*',
    bodyLimit({
      maxSize: maxRequestBodyBytes,
      onError: () => {
        throw new ApiError(
          413,
          'payload_too_large',
          `The request body is larger than ${maxRequestBodyBytes / 1024 / 1024} MB; send less data`,
        );
      },
    }),
  );
  api.use('*', async (context, next) => {
    if (context.req.path === '/api/v1/openapi.json') return next();
    return authenticate(dependencies.verifyToken)(context, next);
  });
  api.on(
    ['POST', 'PUT', 'PATCH'],
    '/providers/*',
    enforceSourceUrlPolicy(options.sourceUrlPolicy ?? httpsOnlySourceUrlPolicy),
  );
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
