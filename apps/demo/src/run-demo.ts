import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunningSimulator, startSimulatorServers } from '@aivo/sis-simulator';
import { issueAccessToken, loadServiceConfig, type RunningService, startService } from '@aivo/sis-sync-svc';
import { createDemoApiClient, type DemoApiClient } from './demo-api-client.js';
import type { DemoOptions } from './demo-options.js';
import { type DemoProvider, demoProviders } from './demo-providers.js';

/** What one demo integration's first sync did. */
export interface DemoRunSummary {
  tenantId: string;
  name: string;
  providerType: string;
  providerId: string;
  runId: string;
  status: string;
  durationMs: number | undefined;
  /** Per entity (`schools`, `terms`, `courses`, `classes`, `users`, `enrollments`): created, updated, … */
  stats: Record<string, Record<string, number>> | null;
  errorMessage: string | null;
}

/** The running demo: the service, the simulator and what the first syncs did. */
export interface RunningDemo {
  serviceUrl: string;
  adminUrl: string;
  token: string;
  runs: DemoRunSummary[];
  simulator: RunningSimulator;
  service: RunningService;
  stop(): Promise<void>;
}

interface RunView {
  id: string;
  status: string;
  startedAt: string;
  completedAt: string | null;
  statsJson: Record<string, Record<string, number>> | null;
  errorMessage: string | null;
}

const finishedStatuses = new Set(['SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED']);

/** Finds the integration by tenant and name and points it at this run's simulator, or creates it. */
async function upsertProvider(api: DemoApiClient, provider: DemoProvider): Promise<string> {
  const { providers } = await api<{ providers: Array<{ id: string; name: string }> }>(
    `/tenants/${encodeURIComponent(provider.tenantId)}/providers`,
  );
  const existing = providers.find((candidate) => candidate.name === provider.name);
  if (existing) {
    await api(`/providers/${existing.id}`, {
      method: 'PATCH',
      body: { config: provider.config, enabled: true },
    });
    return existing.id;
  }
  const created = await api<{ id: string }>('/providers', { method: 'POST', body: provider });
  return created.id;
}

/** Starts a sync; a run still queued or running from an earlier demo is followed instead. */
async function startSync(baseUrl: string, token: string, providerId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/providers/${providerId}/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json()) as {
    runId?: string;
    error?: { message?: string; details?: { runId?: string } };
  };
  if (response.status === 202 && body.runId) return body.runId;
  if (response.status === 409 && body.error?.details?.runId) return body.error.details.runId;
  throw new Error(
    `Could not start a sync of provider ${providerId}: ${response.status} ${body.error?.message ?? ''}`,
  );
}

async function waitForRun(api: DemoApiClient, runId: string): Promise<RunView> {
  for (;;) {
    const run = await api<RunView>(`/runs/${runId}`);
    if (finishedStatuses.has(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Starts the simulator and the service (embedded PostgreSQL under the data folder), upserts one integration
 * of each type for two demo tenants through the REST API, runs a first sync of each and waits for them.
 * `log` receives progress lines.
 */
export async function runDemo(
  options: DemoOptions,
  environment: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<RunningDemo> {
  await mkdir(options.dataDirectory, { recursive: true });
  log(`Starting the SIS simulator (${options.size} district, seed ${options.seed})…`);
  const simulator = await startSimulatorServers({
    size: options.size,
    seed: options.seed,
    dataDir: join(options.dataDirectory, 'simulator'),
  });
  let service: RunningService | undefined;
  try {
    const config = loadServiceConfig(
      {
        ...environment,
        PORT: String(options.port),
        HOST: environment.HOST || '127.0.0.1',
        LOG_LEVEL: environment.LOG_LEVEL || 'warn',
        SIS_SYNC_DATA_DIR: join(options.dataDirectory, 'service'),
      },
      options.dataDirectory,
    );
    log('Starting sis-sync-svc (embedded PostgreSQL, migrations)…');
    // The service's own defaults: the real sync executor, connection test and held-set approval.
    service = await startService({ config, printAdminAccess: false });
    if (!service.url || !service.jwtSecret) {
      throw new Error('The demo needs the service listening with a local JWT secret (unset JWT_JWKS_URL).');
    }
    const token = await issueAccessToken({
      secret: service.jwtSecret,
      subject: 'demo-admin',
      role: 'PLATFORM_ADMIN',
      expiresIn: '7d',
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });
    const api = createDemoApiClient(service.url, token);
    const providers = demoProviders(simulator);
    // One sync at a time: providers of one tenant share people (matched by email), and the demo's table
    // should show each integration's own first sync, whatever order the job queue would pick.
    log(
      `Syncing ${providers.length} integrations for ${new Set(providers.map((p) => p.tenantId)).size} tenants, one at a time…`,
    );
    const runs: DemoRunSummary[] = [];
    for (const provider of providers) {
      const providerId = await upsertProvider(api, provider);
      const runId = await startSync(service.url, token, providerId);
      const run = await waitForRun(api, runId);
      const durationMs = run.completedAt
        ? new Date(run.completedAt).getTime() - new Date(run.startedAt).getTime()
        : undefined;
      log(`  ${provider.tenantId} / ${provider.name}: ${run.status}`);
      runs.push({
        tenantId: provider.tenantId,
        name: provider.name,
        providerType: provider.providerType,
        providerId,
        runId,
        status: run.status,
        durationMs,
        stats: run.statsJson,
        errorMessage: run.errorMessage,
      });
    }
    const running = service;
    return {
      serviceUrl: service.url,
      adminUrl: `${config.publicUrl ?? service.url}/integrations/sis#token=${token}`,
      token,
      runs,
      simulator,
      service,
      async stop() {
        await running.stop();
        await simulator.close();
      },
    };
  } catch (error) {
    await service?.stop().catch(() => undefined);
    await simulator.close();
    throw error;
  }
}
