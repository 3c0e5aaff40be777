import { createRoute } from '@hono/zod-openapi';
import { toRunView } from '../../providers/provider-view.js';
import { recordAudit } from '../../security/audit-log.js';
import { type ApiDependencies, createRouter } from '../api-dependencies.js';
import { ApiError } from '../api-error.js';
import {
  cancelSyncResponseSchema,
  pagingQuerySchema,
  providerParamsSchema,
  runListSchema,
  syncStatusSchema,
  triggerSyncBodySchema,
  triggerSyncResponseSchema,
} from '../api-schemas.js';
import { loadProvider } from '../load-scoped.js';
import { commonErrorResponses, errorContent } from './openapi-error-responses.js';

const errors = commonErrorResponses;

const triggerRoute = createRoute({
  method: 'post',
  path: '/providers/{providerId}/sync',
  tags: ['sync'],
  summary: 'Start a manual sync now',
  description:
    'Answers 202 with the new run. If the provider already has a queued or running sync, answers 409 `sync_in_progress` with that run in `error.details` (no second run is created). A disabled provider answers 422 `provider_disabled`.',
  request: {
    params: providerParamsSchema,
    body: { required: false, content: { 'application/json': { schema: triggerSyncBodySchema } } },
  },
  responses: {
    202: { description: 'Queued', content: { 'application/json': { schema: triggerSyncResponseSchema } } },
    409: { description: 'A sync is already queued or running', content: errorContent },
    422: { description: 'Provider disabled', content: errorContent },
    ...errors,
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/providers/{providerId}/sync/cancel',
  tags: ['sync'],
  summary: 'Cancel the queued or running sync',
  description:
    'A queued run is CANCELLED at once (200); a running one is asked to stop at its next batch boundary (202, status stays IN_PROGRESS until it has stopped, then CANCELLED). 409 `no_active_sync` when nothing runs.',
  request: { params: providerParamsSchema },
  responses: {
    200: { description: 'Cancelled', content: { 'application/json': { schema: cancelSyncResponseSchema } } },
    202: { description: 'Stopping', content: { 'application/json': { schema: cancelSyncResponseSchema } } },
    409: { description: 'Nothing to cancel', content: errorContent },
    ...errors,
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/providers/{providerId}/sync/status',
  tags: ['sync'],
  summary: 'Whether a sync runs, and how the last one ended',
  request: { params: providerParamsSchema },
  responses: {
    200: { description: 'Status', content: { 'application/json': { schema: syncStatusSchema } } },
    ...errors,
  },
});

const runsRoute = createRoute({
  method: 'get',
  path: '/providers/{providerId}/runs',
  tags: ['sync'],
  summary: 'Sync history, newest first',
  request: { params: providerParamsSchema, query: pagingQuerySchema },
  responses: {
    200: { description: 'Runs', content: { 'application/json': { schema: runListSchema } } },
    ...errors,
  },
});

/** Manual sync, cancel, status and history of a provider. */
export function createSyncRoutes(dependencies: ApiDependencies) {
  const { prisma, coordinator } = dependencies;
  const router = createRouter();

  router.openapi(triggerRoute, async (context) => {
    const principal = context.get('principal');
    const provider = await loadProvider(prisma, principal, context.req.valid('param').providerId);
    const body = (await context.req.json().catch(() => ({}))) as unknown;
    const options = triggerSyncBodySchema.safeParse(body ?? {});
    if (!options.success) {
      throw ApiError.validation(
        options.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    const result = await coordinator.triggerRun(provider, {
      triggeredBy: principal.subject,
      isManual: true,
      dryRun: options.data.dryRun,
      mode: options.data.mode,
    });
    const audit = (
      outcome: 'success' | 'rejected',
      runId: string | undefined,
      detail: Record<string, string>,
    ) =>
      recordAudit(prisma, {
        actor: principal,
        tenantId: provider.tenantId,
        action: 'sync',
        resourceType: 'provider',
        resourceId: provider.id,
        outcome,
        detail: { ...detail, ...(runId ? { runId } : {}) },
      });
    if (result.outcome === 'provider-disabled') {
      await audit('rejected', undefined, { reason: 'provider_disabled' });
      throw new ApiError(
        422,
        'provider_disabled',
        'Provider disabled: enable it in the admin page, then start the sync again',
      );
    }
    if (result.outcome === 'already-running') {
      await audit('rejected', result.run.id, { reason: 'sync_in_progress' });
      throw new ApiError(409, 'sync_in_progress', 'A sync of this provider is already queued or running', {
        runId: result.run.id,
        status: result.run.status,
        run: toRunView(result.run),
      });
    }
    await audit('success', result.run.id, { mode: result.run.mode, dryRun: String(result.run.dryRun) });
    return context.json({ runId: result.run.id, status: result.run.status, run: toRunView(result.run) }, 202);
  });

  router.openapi(cancelRoute, async (context) => {
    const principal = context.get('principal');
    const provider = await loadProvider(prisma, principal, context.req.valid('param').providerId);
    const result = await coordinator.cancelRun(provider.id, principal.subject);
    await recordAudit(prisma, {
      actor: principal,
      tenantId: provider.tenantId,
      action: 'cancel',
      resourceType: 'provider',
      resourceId: provider.id,
      outcome: result.outcome === 'nothing-running' ? 'rejected' : 'success',
      detail: result.outcome === 'nothing-running' ? { reason: 'no_active_sync' } : { runId: result.run.id },
    });
    if (result.outcome === 'nothing-running') {
      throw new ApiError(409, 'no_active_sync', 'No sync of this provider is queued or running');
    }
    const body = { runId: result.run.id, status: result.run.status, run: toRunView(result.run) };
    return result.outcome === 'cancelled' ? context.json(body, 200) : context.json(body, 202);
  });

  router.openapi(statusRoute, async (context) => {
    const provider = await loadProvider(
      prisma,
      context.get('principal'),
      context.req.valid('param').providerId,
    );
    const [current, last] = await Promise.all([
      prisma.sisSyncRun.findFirst({
        where: { providerId: provider.id, status: { in: ['PENDING', 'IN_PROGRESS'] } },
      }),
      prisma.sisSyncRun.findFirst({
        where: { providerId: provider.id, completedAt: { not: null } },
        orderBy: { completedAt: 'desc' },
      }),
    ]);
    return context.json(
      {
        isRunning: current !== null,
        lastSync: last?.completedAt ? last.completedAt.toISOString() : null,
        lastStatus: last ? last.status : null,
        currentRunId: current ? current.id : null,
        currentRunStatus: current ? current.status : null,
      },
      200,
    );
  });

  router.openapi(runsRoute, async (context) => {
    const provider = await loadProvider(
      prisma,
      context.get('principal'),
      context.req.valid('param').providerId,
    );
    const { limit, offset } = context.req.valid('query');
    const [runs, total] = await Promise.all([
      prisma.sisSyncRun.findMany({
        where: { providerId: provider.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
        skip: offset,
      }),
      prisma.sisSyncRun.count({ where: { providerId: provider.id } }),
    ]);
    return context.json({ runs: runs.map(toRunView), total, limit, offset }, 200);
  });

  return router;
}
