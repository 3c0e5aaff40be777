import { createRoute } from '@hono/zod-openapi';
import { configAsGiven } from '../../providers/config-as-given.js';
import { createProvider, updateProvider } from '../../providers/provider-changes.js';
import type { ProviderTypeName } from '../../providers/provider-config-schemas.js';
import { toProviderView } from '../../providers/provider-view.js';
import { recordAudit } from '../../security/audit-log.js';
import { type ApiDependencies, createRouter } from '../api-dependencies.js';
import { ApiError } from '../api-error.js';
import {
  connectionTestSchema,
  createProviderBodySchema,
  errorResponseSchema,
  providerListSchema,
  providerParamsSchema,
  providerSchema,
  tenantParamsSchema,
  testProviderConfigBodySchema,
  updateProviderBodySchema,
} from '../api-schemas.js';
import { assertTenant, loadProvider } from '../load-scoped.js';
import { runAuditedConnectionTest } from './audited-connection-test.js';

const errors = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: errorResponseSchema } } },
  401: {
    description: 'Missing or invalid token',
    content: { 'application/json': { schema: errorResponseSchema } },
  },
  403: { description: 'Role not allowed', content: { 'application/json': { schema: errorResponseSchema } } },
  404: {
    description: 'Not found (or another tenant)',
    content: { 'application/json': { schema: errorResponseSchema } },
  },
} as const;

const listRoute = createRoute({
  method: 'get',
  path: '/tenants/{tenantId}/providers',
  tags: ['providers'],
  summary: "List a tenant's providers",
  request: { params: tenantParamsSchema },
  responses: {
    200: { description: 'Providers', content: { 'application/json': { schema: providerListSchema } } },
    ...errors,
  },
});

const createProviderRoute = createRoute({
  method: 'post',
  path: '/providers',
  tags: ['providers'],
  summary: 'Create a provider',
  request: {
    body: { required: true, content: { 'application/json': { schema: createProviderBodySchema } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: providerSchema } } },
    ...errors,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/providers/{providerId}',
  tags: ['providers'],
  summary: 'Get a provider (secrets shown as markers)',
  request: { params: providerParamsSchema },
  responses: {
    200: { description: 'Provider', content: { 'application/json': { schema: providerSchema } } },
    ...errors,
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/providers/{providerId}',
  tags: ['providers'],
  summary: 'Change name, config, enabled, schedule, time zone or sync settings',
  request: {
    params: providerParamsSchema,
    body: { required: true, content: { 'application/json': { schema: updateProviderBodySchema } } },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: providerSchema } } },
    ...errors,
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/providers/{providerId}',
  tags: ['providers'],
  summary: 'Delete a provider, its schedule and its run history (roster rows stay)',
  request: { params: providerParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...errors },
});

const noConnectorResponse = {
  description: 'No connector in this build',
  content: { 'application/json': { schema: errorResponseSchema } },
} as const;

const testUnsavedRoute = createRoute({
  method: 'post',
  path: '/providers/test',
  tags: ['providers'],
  summary: 'Test the connection of a provider config that is not saved',
  description:
    'Validates the config like POST /providers and tests it; nothing is stored. Secrets are never echoed.',
  request: {
    body: { required: true, content: { 'application/json': { schema: testProviderConfigBodySchema } } },
  },
  responses: {
    200: { description: 'Test result', content: { 'application/json': { schema: connectionTestSchema } } },
    501: noConnectorResponse,
    ...errors,
  },
});

const testRoute = createRoute({
  method: 'post',
  path: '/providers/{providerId}/test',
  tags: ['providers'],
  summary: "Test the provider's connection",
  request: { params: providerParamsSchema },
  responses: {
    200: { description: 'Test result', content: { 'application/json': { schema: connectionTestSchema } } },
    501: noConnectorResponse,
    ...errors,
  },
});

/** Provider CRUD and connection test. */
export function createProviderRoutes(dependencies: ApiDependencies) {
  const { prisma, cipher, coordinator } = dependencies;
  const router = createRouter();

  router.openapi(listRoute, async (context) => {
    const { tenantId } = context.req.valid('param');
    assertTenant(context.get('principal'), tenantId);
    const providers = await prisma.sisProvider.findMany({
      where: { tenantId },
      orderBy: { createdAt: 'asc' },
      include: { syncState: true },
    });
    return context.json({ providers: providers.map((provider) => toProviderView(provider, cipher)) }, 200);
  });

  router.openapi(createProviderRoute, async (context) => {
    const principal = context.get('principal');
    const body = context.req.valid('json');
    assertTenant(principal, body.tenantId);
    // The validated body carries the connector's defaults; the provider stores only what the admin gave.
    const given = (await context.req.json()) as { config: Record<string, unknown> };
    const provider = await createProvider(prisma, cipher, {
      ...body,
      providerType: body.providerType as ProviderTypeName,
      config: given.config,
    });
    await coordinator.applySchedule(provider);
    await recordAudit(prisma, {
      actor: principal,
      tenantId: provider.tenantId,
      action: 'create',
      resourceType: 'provider',
      resourceId: provider.id,
      outcome: 'success',
      detail: {
        providerType: provider.providerType,
        name: provider.name,
        ...(body.syncSettings ? { syncSettings: body.syncSettings } : {}),
      },
    });
    return context.json(toProviderView(provider, cipher), 201);
  });

  // Registered before the /providers/{providerId} routes so "test" is never read as a provider id.
  router.openapi(testUnsavedRoute, async (context) => {
    const principal = context.get('principal');
    const body = context.req.valid('json');
    assertTenant(principal, body.tenantId);
    // Test the config as Save would store it: as the admin gave it, without the connector's defaults.
    const given = (await context.req.json()) as { config: Record<string, unknown> };
    const config = configAsGiven(body.config, given.config);
    const provider = { tenantId: body.tenantId, providerType: body.providerType };
    return context.json(
      await runAuditedConnectionTest(dependencies, { principal, provider, readConfig: () => config }),
      200,
    );
  });

  router.openapi(getRoute, async (context) => {
    const provider = await loadProvider(
      prisma,
      context.get('principal'),
      context.req.valid('param').providerId,
    );
    const syncState = await prisma.sisProviderSyncState.findUnique({ where: { providerId: provider.id } });
    return context.json(toProviderView({ ...provider, syncState }, cipher), 200);
  });

  router.openapi(updateRoute, async (context) => {
    const principal = context.get('principal');
    const provider = await loadProvider(prisma, principal, context.req.valid('param').providerId);
    const patch = context.req.valid('json');
    let updated: Awaited<ReturnType<typeof updateProvider>>;
    try {
      updated = await updateProvider(prisma, cipher, provider, patch);
    } catch (error) {
      if (error instanceof ApiError) {
        await recordAudit(prisma, {
          actor: principal,
          tenantId: provider.tenantId,
          action: 'update',
          resourceType: 'provider',
          resourceId: provider.id,
          outcome: 'rejected',
          detail: { code: error.code },
        });
      }
      throw error;
    }
    await coordinator.applySchedule(updated);
    await recordAudit(prisma, {
      actor: principal,
      tenantId: provider.tenantId,
      action: 'update',
      resourceType: 'provider',
      resourceId: provider.id,
      outcome: 'success',
      // Sync settings hold no secrets: the audit keeps their new values.
      detail: {
        fields: Object.keys(patch),
        ...(patch.syncSettings ? { syncSettings: patch.syncSettings } : {}),
      },
    });
    return context.json(toProviderView(updated, cipher), 200);
  });

  router.openapi(deleteRoute, async (context) => {
    const principal = context.get('principal');
    const provider = await loadProvider(prisma, principal, context.req.valid('param').providerId);
    await coordinator.removeProvider(provider.id, principal.subject);
    await prisma.sisProvider.delete({ where: { id: provider.id } });
    await recordAudit(prisma, {
      actor: principal,
      tenantId: provider.tenantId,
      action: 'delete',
      resourceType: 'provider',
      resourceId: provider.id,
      outcome: 'success',
      detail: { providerType: provider.providerType, name: provider.name },
    });
    return context.body(null, 204);
  });

  router.openapi(testRoute, async (context) => {
    const principal = context.get('principal');
    const provider = await loadProvider(prisma, principal, context.req.valid('param').providerId);
    const readConfig = () => cipher.decrypt(provider.configJson, provider.id) as Record<string, unknown>;
    return context.json(
      await runAuditedConnectionTest(dependencies, { principal, provider, readConfig }),
      200,
    );
  });

  return router;
}
