import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ExecuteRun,
  issueAccessToken,
  loadServiceConfig,
  type RunningService,
  startService,
} from '@aivo/sis-sync-svc';
import { findSyncExecutorFactory } from './resolve-sync-executor.js';
import { readWorkloadRequest, type WorkloadRequest, type WorkloadResult } from './workload-messages.js';

// Child process of run-bench: starts the service (no HTTP listener) on the bench database, finds or creates
// the provider through the REST API, triggers one sync, waits for it and writes what it measured.

const finishedStatuses = new Set(['SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED']);

type ApiCall = (path: string, init?: { method?: string; body?: unknown }) => Promise<unknown>;

function createApiCall(service: RunningService, token: string): ApiCall {
  return async (path, init = {}) => {
    const response = await service.app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const body = (await response.json()) as unknown;
    if (!response.ok)
      throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
}

async function findOrCreateProvider(api: ApiCall, request: WorkloadRequest): Promise<string> {
  const list = (await api(`/api/v1/tenants/${request.tenantId}/providers`)) as {
    providers: Array<{ id: string; name: string }>;
  };
  const existing = list.providers.find((provider) => provider.name === request.providerName);
  if (existing) {
    await api(`/api/v1/providers/${existing.id}`, { method: 'PATCH', body: { config: request.config } });
    return existing.id;
  }
  const created = (await api('/api/v1/providers', {
    method: 'POST',
    body: {
      tenantId: request.tenantId,
      providerType: request.providerType,
      name: request.providerName,
      config: request.config,
    },
  })) as { id: string };
  return created.id;
}

async function main(): Promise<void> {
  const request = readWorkloadRequest(process.env);
  const dataDirectory = await mkdtemp(join(tmpdir(), 'aivo-bench-service-'));
  const config = loadServiceConfig(
    {
      DATABASE_URL: request.databaseUrl,
      JWT_SECRET: request.jwtSecret,
      SIS_CONFIG_ENCRYPTION_KEY: request.encryptionKey,
      LOG_LEVEL: 'warn',
      MAX_CONCURRENT_SYNCS: '1',
      SIS_SYNC_DATA_DIR: dataDirectory,
    },
    dataDirectory,
  );
  let executorMs: number | undefined;
  let inner: ExecuteRun | undefined;
  const factory = await findSyncExecutorFactory(request.executorModule);
  const service = await startService({
    config,
    listen: false,
    printAdminAccess: false,
    // Times the executor itself when the build exports it; otherwise the service's default runs untimed.
    ...(factory
      ? {
          executeRun: async (input) => {
            const started = performance.now();
            try {
              return await inner!(input);
            } finally {
              executorMs = performance.now() - started;
            }
          },
        }
      : {}),
  });
  try {
    if (factory) inner = factory({ pool: service.database.pool });
    const token = await issueAccessToken({
      secret: request.jwtSecret,
      subject: 'bench',
      role: 'PLATFORM_ADMIN',
      expiresIn: '1d',
    });
    const api = createApiCall(service, token);
    const providerId = await findOrCreateProvider(api, request);
    // Day-over-day changes of a generated district may exceed the default 10% hold; the bench measures
    // loading them, not the safety hold.
    await service.database.pool.query(
      `INSERT INTO sis_provider_sync_state (provider_id, max_deactivate_percent) VALUES ($1, 100)
       ON CONFLICT (provider_id) DO UPDATE SET max_deactivate_percent = 100`,
      [providerId],
    );
    // The statement statistics of this workload start here (the parent reads them when the sync is done).
    await service.database.pool.query('SELECT pg_stat_statements_reset()');
    const idleRssBytes = process.memoryUsage().rss;
    const started = performance.now();
    const trigger = (await api(`/api/v1/providers/${providerId}/sync`, {
      method: 'POST',
      body: { mode: request.mode },
    })) as { runId: string };
    let run: { status: string; errorMessage: string | null; statsJson: unknown };
    for (;;) {
      run = (await api(`/api/v1/runs/${trigger.runId}`)) as typeof run;
      if (finishedStatuses.has(run.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const endToEndMs = performance.now() - started;
    const result: WorkloadResult = {
      providerId,
      runId: trigger.runId,
      status: run.status,
      errorMessage: run.errorMessage,
      stats: (run.statsJson as WorkloadResult['stats']) ?? null,
      endToEndMs,
      executorMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      idleRssBytes,
      cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    };
    await writeFile(request.resultFile, JSON.stringify(result));
  } finally {
    await service.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
