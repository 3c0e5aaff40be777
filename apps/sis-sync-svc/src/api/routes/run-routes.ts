import { createRoute } from '@hono/zod-openapi';
import type { SisRunIssue } from '../../generated/prisma/client.js';
import { toRunView } from '../../providers/provider-view.js';
import { recordAudit } from '../../security/audit-log.js';
import { type ApiDependencies, createRouter } from '../api-dependencies.js';
import { ApiError } from '../api-error.js';
import {
  heldDecisionSchema,
  issueListSchema,
  issuesQuerySchema,
  runDetailSchema,
  runParamsSchema,
} from '../api-schemas.js';
import { loadRun } from '../load-scoped.js';
import { toCsv } from '../to-csv.js';
import { commonErrorResponses, errorContent } from './openapi-error-responses.js';

const errors = commonErrorResponses;

const runRoute = createRoute({
  method: 'get',
  path: '/runs/{runId}',
  tags: ['runs'],
  summary: 'A run with its statistics, issues summary and held deactivations',
  request: { params: runParamsSchema },
  responses: {
    200: { description: 'Run', content: { 'application/json': { schema: runDetailSchema } } },
    ...errors,
  },
});

const issuesRoute = createRoute({
  method: 'get',
  path: '/runs/{runId}/issues',
  tags: ['runs'],
  summary: "A run's per-record issues, paged; `format=csv` downloads them all as CSV",
  request: { params: runParamsSchema, query: issuesQuerySchema },
  responses: {
    200: {
      description: 'Issues',
      content: {
        'application/json': { schema: issueListSchema },
        'text/csv': { schema: { type: 'string' } },
      },
    },
    ...errors,
  },
});

function heldRoute(decision: 'approve' | 'discard') {
  return createRoute({
    method: 'post',
    path: `/runs/{runId}/held/${decision}`,
    tags: ['runs'],
    summary:
      decision === 'approve'
        ? 'Apply the deactivations the safety threshold held back'
        : 'Drop the held deactivations (the rows stay active)',
    request: { params: runParamsSchema },
    responses: {
      200: { description: 'Done', content: { 'application/json': { schema: heldDecisionSchema } } },
      409: { description: 'Nothing held on this run', content: errorContent },
      501: { description: 'Not available in this build', content: errorContent },
      ...errors,
    },
  });
}

function toIssueView(issue: SisRunIssue) {
  return {
    id: issue.id.toString(),
    entity: issue.entity,
    sourcedId: issue.sourcedId,
    severity: issue.severity,
    code: issue.code,
    message: issue.message,
    location: issue.location,
    detail: issue.detailJson ?? null,
    createdAt: issue.createdAt.toISOString(),
  };
}

/** Run details, issues and decisions on held deactivations. */
export function createRunRoutes(dependencies: ApiDependencies) {
  const { prisma, pool } = dependencies;
  const router = createRouter();

  router.openapi(runRoute, async (context) => {
    const run = await loadRun(prisma, context.get('principal'), context.req.valid('param').runId);
    const byCode = await prisma.sisRunIssue.groupBy({
      by: ['code'],
      where: { runId: run.id },
      _count: { _all: true },
    });
    const counts = Object.fromEntries(byCode.map((group) => [group.code, group._count._all]));
    const total = byCode.reduce((sum, group) => sum + group._count._all, 0);
    return context.json(
      {
        ...toRunView(run),
        issuesSummary: { total, byCode: counts },
        heldDeactivations: run.heldDeactivationsJson ?? null,
      },
      200,
    );
  });

  router.openapi(issuesRoute, async (context) => {
    const run = await loadRun(prisma, context.get('principal'), context.req.valid('param').runId);
    const query = context.req.valid('query');
    const where = {
      runId: run.id,
      ...(query.code ? { code: query.code } : {}),
      ...(query.entity ? { entity: query.entity } : {}),
    };
    if (query.format === 'csv') {
      // Stream straight from PostgreSQL in pages so a run with many issues never sits in memory whole.
      const header = ['entity', 'sourcedId', 'severity', 'code', 'message', 'location', 'createdAt'];
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode(toCsv([header])));
          let afterId = 0n;
          for (;;) {
            const page = await prisma.sisRunIssue.findMany({
              where: { ...where, id: { gt: afterId } },
              orderBy: { id: 'asc' },
              take: 1000,
            });
            if (page.length === 0) break;
            controller.enqueue(
              encoder.encode(
                toCsv(
                  page.map((issue) => [
                    issue.entity,
                    issue.sourcedId ?? '',
                    issue.severity,
                    issue.code,
                    issue.message,
                    issue.location ?? '',
                    issue.createdAt.toISOString(),
                  ]),
                ),
              ),
            );
            afterId = page.at(-1)!.id;
          }
          controller.close();
        },
      });
      // A streamed body is outside the typed JSON responses of @hono/zod-openapi, hence the cast below.
      return new Response(stream, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="sync-run-${run.id}-issues.csv"`,
        },
      }) as never;
    }
    const [issues, total] = await Promise.all([
      prisma.sisRunIssue.findMany({ where, orderBy: { id: 'asc' }, take: query.limit, skip: query.offset }),
      prisma.sisRunIssue.count({ where }),
    ]);
    return context.json(
      { issues: issues.map(toIssueView), total, limit: query.limit, offset: query.offset },
      200,
    );
  });

  router.openapi(heldRoute('approve'), async (context) => {
    const principal = context.get('principal');
    const run = await loadRun(prisma, principal, context.req.valid('param').runId);
    if (run.heldStatus !== 'HELD') {
      throw new ApiError(409, 'nothing_held', 'This run has no held deactivations waiting for a decision');
    }
    const provider = await prisma.sisProvider.findUnique({ where: { id: run.providerId } });
    if (!provider) throw ApiError.notFound(`Provider ${run.providerId}`);
    let deactivated: Record<string, number>;
    try {
      ({ deactivated } = await dependencies.applyHeldDeactivations({
        runId: run.id,
        provider,
        held: run.heldDeactivationsJson,
      }));
    } catch (error) {
      await recordAudit(prisma, {
        actor: principal,
        tenantId: run.tenantId,
        action: 'approve',
        resourceType: 'run',
        resourceId: run.id,
        outcome: 'failure',
        detail: { error: (error as Error).name },
      });
      throw error;
    }
    await pool.query(
      `UPDATE sis_sync_runs SET held_status = 'APPROVED' WHERE id = $1 AND held_status = 'HELD'`,
      [run.id],
    );
    await recordAudit(prisma, {
      actor: principal,
      tenantId: run.tenantId,
      action: 'approve',
      resourceType: 'run',
      resourceId: run.id,
      outcome: 'success',
      detail: { deactivated },
    });
    return context.json({ runId: run.id, heldStatus: 'APPROVED', deactivated }, 200);
  });

  router.openapi(heldRoute('discard'), async (context) => {
    const principal = context.get('principal');
    const run = await loadRun(prisma, principal, context.req.valid('param').runId);
    // Claim the decision first so a concurrent approve or discard cannot act on the same held sets.
    const changed = await pool.query(
      `UPDATE sis_sync_runs SET held_status = 'DISCARDED' WHERE id = $1 AND held_status = 'HELD'`,
      [run.id],
    );
    if (changed.rowCount !== 1) {
      await recordAudit(prisma, {
        actor: principal,
        tenantId: run.tenantId,
        action: 'discard',
        resourceType: 'run',
        resourceId: run.id,
        outcome: 'rejected',
      });
      throw new ApiError(409, 'nothing_held', 'This run has no held deactivations waiting for a decision');
    }
    let discardedSets = 0;
    try {
      const provider = await prisma.sisProvider.findUnique({ where: { id: run.providerId } });
      if (provider && dependencies.discardHeldDeactivations) {
        discardedSets = await dependencies.discardHeldDeactivations({ runId: run.id, provider });
      }
    } catch (error) {
      // The store still holds the sets: give the decision back so the admin can retry.
      await pool.query(
        `UPDATE sis_sync_runs SET held_status = 'HELD' WHERE id = $1 AND held_status = 'DISCARDED'`,
        [run.id],
      );
      await recordAudit(prisma, {
        actor: principal,
        tenantId: run.tenantId,
        action: 'discard',
        resourceType: 'run',
        resourceId: run.id,
        outcome: 'failure',
        detail: { error: (error as Error).name },
      });
      throw error;
    }
    await recordAudit(prisma, {
      actor: principal,
      tenantId: run.tenantId,
      action: 'discard',
      resourceType: 'run',
      resourceId: run.id,
      outcome: 'success',
      detail: { discardedSets },
    });
    return context.json({ runId: run.id, heldStatus: 'DISCARDED' }, 200);
  });

  return router;
}
