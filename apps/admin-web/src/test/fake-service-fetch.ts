import type { Provider, RunIssue, SyncRunDetail } from '../api/api-types';

/** One request the fake service received, with its parsed JSON body. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

/**
 * A `fetch` that answers like sis-sync-svc's provider endpoints, in memory, for component tests.
 * It speaks the wire format (status codes, JSON bodies, `{ error }` answers); the browser tests use the
 * real service.
 */
export function createFakeServiceFetch(
  options: { testMessage?: string; testSuccess?: boolean; testReason?: string } = {},
) {
  const providers = new Map<string, Provider>();
  /** Runs, newest last; tests may add finished runs and issues directly. */
  const runs: SyncRunDetail[] = [];
  const issues = new Map<string, RunIssue[]>();
  const requests: RecordedRequest[] = [];
  let nextId = 1;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const view = (config: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(config).map(([key, value]) => [
        key,
        /secret|token|password/i.test(key)
          ? { set: true }
          : value && typeof value === 'object'
            ? view(value as Record<string, unknown>)
            : value,
      ]),
    );

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://service.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = new Headers(init?.headers);
    requests.push({
      method,
      path: url.pathname + url.search,
      body,
      authorization: headers.get('authorization'),
    });
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const tenantMatch = path.match(/^\/tenants\/([^/]+)\/providers$/);
    if (method === 'GET' && tenantMatch) {
      return json(200, {
        providers: [...providers.values()].filter((provider) => provider.tenantId === tenantMatch[1]),
      });
    }
    if (method === 'GET' && path === '/schedule-presets') return json(200, { presets: [] });
    if (method === 'POST' && path === '/providers') {
      const id = `provider-${nextId++}`;
      const provider: Provider = {
        id,
        tenantId: body.tenantId,
        providerType: body.providerType,
        name: body.name,
        config: view(body.config) as Provider['config'],
        enabled: true,
        syncSchedule: body.syncSchedule ?? null,
        syncTimezone: body.syncTimezone ?? 'UTC',
        nextSyncAt: null,
        createdAt: new Date(0).toISOString(),
        updatedAt: new Date(0).toISOString(),
        lastSyncAt: null,
      };
      providers.set(id, provider);
      return json(201, provider);
    }
    const testAnswer = () =>
      json(200, {
        success: options.testSuccess ?? true,
        message: options.testMessage ?? 'Connected to the SFTP server and found the OneRoster files',
        ...(options.testReason ? { reason: options.testReason } : {}),
      });
    // A config that is not saved: answered like the service, nothing is stored.
    if (method === 'POST' && path === '/providers/test') return testAnswer();
    const match = path.match(/^\/providers\/([^/]+)(\/.*)?$/);
    if (match) {
      const provider = providers.get(match[1]!);
      if (!provider) return json(404, { error: { code: 'not_found', message: 'Provider not found' } });
      const rest = match[2] ?? '';
      if (method === 'GET' && rest === '') return json(200, provider);
      if (method === 'PATCH' && rest === '') {
        const updated: Provider = {
          ...provider,
          ...body,
          config: body.config
            ? ({ ...provider.config, ...view(body.config) } as Provider['config'])
            : provider.config,
        };
        providers.set(provider.id, updated);
        return json(200, updated);
      }
      if (method === 'DELETE' && rest === '') {
        providers.delete(provider.id);
        return new Response(null, { status: 204 });
      }
      if (method === 'POST' && rest === '/test') return testAnswer();
      const providerRuns = runs.filter((run) => run.providerId === provider.id).reverse();
      const current = providerRuns.find((run) => run.status === 'IN_PROGRESS' || run.status === 'PENDING');
      if (method === 'GET' && rest === '/sync/status') {
        const last = providerRuns.find((run) => run !== current);
        return json(200, {
          isRunning: Boolean(current),
          lastSync: last?.completedAt ?? null,
          lastStatus: last?.status ?? null,
          currentRunId: current?.id ?? null,
          currentRunStatus: current?.status ?? null,
        });
      }
      if (method === 'POST' && rest === '/sync') {
        if (current)
          return json(409, {
            error: { code: 'sync_running', message: 'A sync of this provider is already running' },
          });
        const run = createRun(provider.id, {
          status: 'IN_PROGRESS',
          dryRun: body?.dryRun ?? false,
          progress: { entity: 'users', phase: 'load', processed: 120 },
        });
        return json(202, { runId: run.id, status: run.status, run });
      }
      if (method === 'POST' && rest === '/sync/cancel') {
        if (!current)
          return json(409, {
            error: { code: 'not_running', message: 'No sync of this provider is running' },
          });
        current.status = 'CANCELLED';
        current.completedAt = new Date(Date.parse(current.startedAt) + 65_000).toISOString();
        return json(200, { runId: current.id, status: current.status, run: current });
      }
      if (method === 'GET' && rest === '/runs') {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        return json(200, {
          runs: providerRuns.slice(offset, offset + limit),
          total: providerRuns.length,
          limit,
          offset,
        });
      }
    }
    const runMatch = path.match(/^\/runs\/([^/]+)(\/.*)?$/);
    const run = runMatch ? runs.find((candidate) => candidate.id === runMatch[1]) : undefined;
    if (runMatch && !run)
      return json(404, { error: { code: 'not_found', message: `Run ${runMatch[1]} was not found` } });
    if (run && method === 'GET' && !runMatch?.[2]) return json(200, run);
    if (run && method === 'GET' && runMatch?.[2] === '/issues') {
      const all = issues.get(run.id) ?? [];
      if (url.searchParams.get('format') === 'csv') {
        return new Response(
          `entity,sourcedId,message\n${all.map((issue) => `${issue.entity},${issue.sourcedId},${issue.message}`).join('\n')}`,
          {
            status: 200,
            headers: { 'content-type': 'text/csv' },
          },
        );
      }
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      return json(200, { issues: all.slice(offset, offset + limit), total: all.length, limit, offset });
    }
    if (
      run &&
      method === 'POST' &&
      (runMatch?.[2] === '/held/approve' || runMatch?.[2] === '/held/discard')
    ) {
      if (run.heldStatus !== 'HELD') {
        return json(409, {
          error: {
            code: 'nothing_held',
            message: 'This run has no held deactivations waiting for a decision',
          },
        });
      }
      run.heldStatus = runMatch[2] === '/held/approve' ? 'APPROVED' : 'DISCARDED';
      return json(200, { runId: run.id, heldStatus: run.heldStatus });
    }
    return json(404, { error: { code: 'not_found', message: `No route ${method} ${path}` } });
  };

  /** Adds a run the way the service would show it. */
  function createRun(providerId: string, overrides: Partial<SyncRunDetail> = {}): SyncRunDetail {
    const startedAt = new Date(Date.UTC(2026, 10, 20, 8, 0, runs.length)).toISOString();
    const run: SyncRunDetail = {
      id: `run-${runs.length + 1}`,
      providerId,
      tenantId: providers.get(providerId)?.tenantId ?? 'district-1',
      status: 'SUCCESS',
      mode: 'full',
      dryRun: false,
      isManual: true,
      triggeredBy: 'admin',
      createdAt: startedAt,
      startedAt,
      completedAt: null,
      heartbeatAt: null,
      cancelRequested: false,
      statsJson: null,
      progress: null,
      heldStatus: null,
      errorMessage: null,
      issuesSummary: { total: 0, byCode: {} },
      heldDeactivations: null,
      ...overrides,
    };
    runs.push(run);
    return run;
  }

  return { fetch, providers, runs, issues, requests, createRun };
}
