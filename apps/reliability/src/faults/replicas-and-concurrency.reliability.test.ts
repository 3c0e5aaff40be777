import { rosterEntities } from '@aivo/connector-sdk';
import { createDistrict, startOneRosterServer } from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReliabilityService, startReliabilityService } from '../support/reliability-service.js';
import { allowAllDeactivations, groundTruthOf, readRosterState } from '../support/roster-state.js';
import { createProvider } from '../support/sync-through-api.js';
import { waitForRunEnd } from '../support/wait-for-run.js';

// Several service replicas on one database, twenty concurrent "sync now" calls per provider: one run at a
// time per provider, MAX_CONCURRENT_SYNCS (1 here) per replica, and every roster exact afterwards.
const tenantId = 'district-replicas';
const district = createDistrict({ seed: 3030, size: 'tiny' });
const truth = groundTruthOf(district);

/** A sync call's answer: 202 `{ runId }` or 409 `{ error }`. */
interface SyncAnswer {
  runId?: string;
  error?: { code: string; details?: { runId?: string } };
}

const replicas: ReliabilityService[] = [];
let server: Awaited<ReturnType<typeof startOneRosterServer>>;

beforeAll(async () => {
  // Slow responses keep runs going long enough for the calls and the replicas to overlap.
  server = await startOneRosterServer({ district, faults: [{ kind: 'delay', ms: 60 }] });
  const environment = { MAX_CONCURRENT_SYNCS: '1' };
  const first = await startReliabilityService({
    syncExecution: true,
    environment,
    jobSettings: { heartbeatIntervalMs: 500 },
  });
  const second = await startReliabilityService({
    syncExecution: true,
    environment,
    databaseUrl: first.service.database.url,
    jobSettings: { heartbeatIntervalMs: 500 },
  });
  replicas.push(first, second);
});
afterAll(async () => {
  // Joined replicas first: the first one owns the embedded database.
  for (const replica of [...replicas].reverse()) await replica.close().catch(() => undefined);
  await server?.close();
});

/** Samples the running runs until stopped; returns the largest concurrency seen, per provider and worker. */
function watchRunningRuns(replica: ReliabilityService) {
  const peaks = { perProvider: 0, perWorker: 0, total: 0, samples: 0 };
  let watching = true;
  const done = (async () => {
    while (watching) {
      const running = await replica.service.database.pool.query<{
        provider_id: string;
        worker_id: string | null;
      }>(`SELECT provider_id, worker_id FROM sis_sync_runs WHERE status = 'IN_PROGRESS'`);
      const count = (key: 'provider_id' | 'worker_id') => {
        const counts = new Map<string, number>();
        for (const row of running.rows) counts.set(String(row[key]), (counts.get(String(row[key])) ?? 0) + 1);
        return Math.max(0, ...counts.values());
      };
      peaks.perProvider = Math.max(peaks.perProvider, count('provider_id'));
      peaks.perWorker = Math.max(peaks.perWorker, count('worker_id'));
      peaks.total = Math.max(peaks.total, running.rows.length);
      peaks.samples += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await done;
      return peaks;
    },
  };
}

async function stormOfSyncCalls(providerCount: number) {
  const [first] = replicas;
  const token = await first!.token({ role: 'PLATFORM_ADMIN' });
  const providerIds: string[] = [];
  for (let index = 0; index < providerCount; index += 1) {
    const providerId = await createProvider(first!, token, {
      tenantId,
      providerType: 'ONEROSTER_API',
      name: `Replicated ${replicas.length}-${index}`,
      config: {
        baseUrl: server.baseUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        pageSize: 15,
      },
    });
    await allowAllDeactivations(first!.service.database.pool, providerId);
    providerIds.push(providerId);
  }
  const watcher = watchRunningRuns(first!);
  // Twenty calls per provider at once, spread over every replica.
  const calls = providerIds.flatMap((providerId) =>
    Array.from({ length: 20 }, (_, index) => {
      const replica = replicas[index % replicas.length]!;
      return replica
        .request(`/api/v1/providers/${providerId}/sync`, { method: 'POST', token, body: {} })
        .then(async (response) => ({
          providerId,
          status: response.status,
          body: (await response.json()) as SyncAnswer,
        }));
    }),
  );
  const answers = await Promise.all(calls);
  for (const providerId of providerIds) {
    const mine = answers.filter((answer) => answer.providerId === providerId);
    const started = mine.filter((answer) => answer.status === 202);
    expect(started, `provider ${providerId}: exactly one call starts a run`).toHaveLength(1);
    const runId = started[0]!.body.runId!;
    for (const refused of mine.filter((answer) => answer.status !== 202)) {
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'sync_in_progress',
        details: { runId },
      });
    }
    const run = await waitForRunEnd(first!, token, runId, 180_000);
    expect(run.status, run.errorMessage ?? '').toBe('SUCCESS');
  }
  const peaks = await watcher.stop();
  for (const providerId of providerIds) {
    const runs = await first!.service.database.pool.query(
      'SELECT id FROM sis_sync_runs WHERE provider_id = $1',
      [providerId],
    );
    expect(runs.rowCount, 'one run per provider').toBe(1);
    const state = await readRosterState(first!.service.database.pool, providerId);
    expect(state.active).toEqual(truth);
    for (const entity of rosterEntities) expect(state.duplicates[entity]).toBe(0);
  }
  return peaks;
}

describe('replicas on one database', () => {
  it('two replicas, twenty concurrent sync calls for each of three providers: one run per provider, one sync per replica at a time', async () => {
    const peaks = await stormOfSyncCalls(3);
    expect(peaks.samples).toBeGreaterThan(5);
    expect(peaks.perProvider).toBe(1);
    expect(peaks.perWorker).toBe(1);
    expect(peaks.total).toBeLessThanOrEqual(2);
  });

  it('three replicas, twenty concurrent sync calls for each of four providers: the same guarantees', async () => {
    const third = await startReliabilityService({
      syncExecution: true,
      environment: { MAX_CONCURRENT_SYNCS: '1' },
      databaseUrl: replicas[0]!.service.database.url,
      jobSettings: { heartbeatIntervalMs: 500 },
    });
    replicas.push(third);
    const peaks = await stormOfSyncCalls(4);
    expect(peaks.perProvider).toBe(1);
    expect(peaks.perWorker).toBe(1);
    expect(peaks.total).toBeLessThanOrEqual(3);
    // The replicas really overlapped (so the limits above were exercised).
    expect(peaks.total).toBeGreaterThanOrEqual(2);
  });
});
