import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SisProvider } from '../generated/prisma/client.js';
import {
  type ControllableExecutor,
  createControllableExecutor,
} from '../test-support/controllable-executor.js';
import { startTestService, type TestService } from '../test-support/start-test-service.js';
import { pruneStagedRuns } from './prune-staged-runs.js';
import { runQueueName, scheduleQueueName } from './sync-queue-names.js';

// Two replicas (A, B) on one PostgreSQL, both executing syncs; a third (C) joins later with a short lock
// timeout and a single worker once A and B stop working.
const jobSettings = {
  heartbeatIntervalMs: 200,
  sweepIntervalMs: 3_600_000,
  tickPollIntervalMs: 3_600_000,
  shutdownGraceMs: 300,
};
const executorA = createControllableExecutor();
const executorB = createControllableExecutor();
let replicaA: TestService;
let replicaB: TestService;
let token: string;
let providerCount = 0;

beforeAll(async () => {
  replicaA = await startTestService({ executeRun: executorA.executeRun, jobSettings });
  replicaB = await startTestService({
    databaseUrl: replicaA.database.url,
    executeRun: executorB.executeRun,
    jobSettings,
  });
  token = await replicaA.token({ role: 'PLATFORM_ADMIN' });
});

afterAll(async () => {
  await replicaB?.close();
  await replicaA?.close();
});

async function newProvider(overrides: Record<string, unknown> = {}): Promise<SisProvider> {
  providerCount += 1;
  const response = await replicaA.request('/api/v1/providers', {
    method: 'POST',
    token,
    body: {
      tenantId: 'district-jobs',
      providerType: 'CLEVER',
      name: `Provider ${providerCount}`,
      config: { clientId: 'c', clientSecret: 's', districtId: 'd' },
      ...overrides,
    },
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return replicaA.prisma.sisProvider.findUniqueOrThrow({ where: { id } });
}

function runStatus(runId: string) {
  return replicaA.prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
}

/** Which replica's executor picked the run up, once it has. */
async function executingReplica(runId: string): Promise<ControllableExecutor> {
  await expect
    .poll(() => [...executorA.startedRunIds, ...executorB.startedRunIds].includes(runId), { timeout: 15_000 })
    .toBe(true);
  return executorA.startedRunIds.includes(runId) ? executorA : executorB;
}

async function scheduleRow(providerId: string) {
  const result = await replicaA.database.pool.query<{ cron: string; timezone: string }>(
    'SELECT cron, timezone FROM pgboss.schedule WHERE name = $1',
    [scheduleQueueName(providerId)],
  );
  return result.rows[0];
}

describe('one run per provider across replicas', () => {
  it('creates exactly one run for concurrent triggers on two replicas, and one replica executes it', async () => {
    const provider = await newProvider();
    const coordinators = [replicaA.coordinator, replicaB.coordinator];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        coordinators[index % 2]!.triggerRun(provider, { triggeredBy: `user-${index}`, isManual: true }),
      ),
    );
    const started = results.filter((result) => result.outcome === 'started');
    expect(started).toHaveLength(1);
    const runId = started[0]!.outcome === 'started' ? started[0]!.run.id : '';
    for (const result of results) {
      expect(result.outcome === 'provider-disabled' ? '' : result.run.id).toBe(runId);
    }
    const active = await replicaA.prisma.sisSyncRun.count({
      where: { providerId: provider.id, status: { in: ['PENDING', 'IN_PROGRESS'] } },
    });
    expect(active).toBe(1);

    const executor = await executingReplica(runId);
    const input = await executor.started(runId);
    await input.reportProgress({ entity: 'users', phase: 'extract', processed: 5 });
    expect((await runStatus(runId)).progressJson).toEqual({
      entity: 'users',
      phase: 'extract',
      processed: 5,
    });
    executor.finish(runId, { stats: { users: { created: 5, updated: 0 } } });
    await expect.poll(async () => (await runStatus(runId)).status).toBe('SUCCESS');
    expect((await runStatus(runId)).statsJson).toEqual({ users: { created: 5, updated: 0 } });
    expect(
      [...executorA.startedRunIds, ...executorB.startedRunIds].filter((id) => id === runId),
    ).toHaveLength(1);
    const refreshed = await replicaA.prisma.sisProvider.findUniqueOrThrow({ where: { id: provider.id } });
    expect(refreshed.lastSyncAt).not.toBeNull();

    const again = await replicaB.coordinator.triggerRun(refreshed, { triggeredBy: 'user', isManual: true });
    expect(again.outcome).toBe('started');
    const againId = again.outcome === 'started' ? again.run.id : '';
    (await executingReplica(againId)).fail(
      againId,
      new Error('Clever said 401 for postgres://u:topsecret@x'),
    );
    await expect.poll(async () => (await runStatus(againId)).status).toBe('FAILURE');
    expect((await runStatus(againId)).errorMessage).toBe('Clever said 401 for postgres://u:[redacted]@x');
  });

  it('records a held set and ends PARTIAL', async () => {
    const provider = await newProvider();
    const result = await replicaA.coordinator.triggerRun(provider, { triggeredBy: 'user', isManual: true });
    const runId = result.outcome === 'started' ? result.run.id : '';
    (await executingReplica(runId)).finish(runId, {
      status: 'PARTIAL',
      heldDeactivations: { users: ['u-1'] },
    });
    await expect.poll(async () => (await runStatus(runId)).status).toBe('PARTIAL');
    expect(await runStatus(runId)).toMatchObject({
      heldStatus: 'HELD',
      heldDeactivationsJson: { users: ['u-1'] },
    });
  });
});

describe('staging retention', () => {
  it("keeps only the staged rows of a provider's newest runs", async () => {
    const provider = await newProvider();
    const runIds: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const run = await replicaA.prisma.sisSyncRun.create({
        data: {
          providerId: provider.id,
          tenantId: provider.tenantId,
          triggeredBy: 'u',
          status: 'SUCCESS',
          createdAt: new Date(Date.UTC(2026, 0, 1 + index)),
        },
      });
      runIds.push(run.id);
      await replicaA.prisma.sisRawUser.create({
        data: {
          runId: run.id,
          providerId: provider.id,
          externalId: 'u-1',
          role: 'student',
          givenName: 'A',
          familyName: 'B',
          rawJson: {},
        },
      });
    }
    expect(await pruneStagedRuns(replicaA.database.pool, provider.id, 3)).toBe(1);
    const left = await replicaA.prisma.sisRawUser.findMany({ where: { providerId: provider.id } });
    expect(left.map((row) => row.runId).sort()).toEqual(runIds.slice(1).sort());
  });
});

describe('cancel', () => {
  it('stops a run executing on another replica at its next heartbeat', async () => {
    const provider = await newProvider();
    const result = await replicaA.coordinator.triggerRun(provider, { triggeredBy: 'user', isManual: true });
    const runId = result.outcome === 'started' ? result.run.id : '';
    const executor = await executingReplica(runId);
    await executor.started(runId);
    const other = executor === executorA ? replicaB : replicaA;
    const cancel = await other.coordinator.cancelRun(provider.id, 'ana');
    expect(cancel.outcome).toBe('cancelling');
    await expect.poll(async () => (await runStatus(runId)).status).toBe('CANCELLED');
    expect(executor.aborted.get(runId)).toContain('cancel');
    expect((await runStatus(runId)).errorMessage).toBe('Cancelled by ana');
  });

  it('cancels a queued run before it starts', async () => {
    const provider = await newProvider();
    const run = await replicaA.prisma.sisSyncRun.create({
      data: { providerId: provider.id, tenantId: provider.tenantId, triggeredBy: 'user' },
    });
    const cancel = await replicaB.coordinator.cancelRun(provider.id, 'ana');
    expect(cancel.outcome).toBe('cancelled');
    expect(await runStatus(run.id)).toMatchObject({
      status: 'CANCELLED',
      errorMessage: 'Cancelled by ana before it started',
    });
    expect((await replicaB.coordinator.cancelRun(provider.id, 'ana')).outcome).toBe('nothing-running');
  });
});

describe('recovery', () => {
  it('fails a run orphaned by a dead worker and unlocks its provider', async () => {
    const provider = await newProvider();
    const orphan = await replicaA.database.pool.query<{ id: string }>(
      `INSERT INTO sis_sync_runs (provider_id, tenant_id, status, triggered_by, started_at, heartbeat_at, worker_id)
       VALUES ($1, $2, 'IN_PROGRESS', 'user', now() - interval '5 minutes', now() - interval '4 minutes', 'killed-worker')
       RETURNING id`,
      [provider.id, provider.tenantId],
    );
    const orphanId = orphan.rows[0]!.id;
    expect(
      (await replicaA.coordinator.triggerRun(provider, { triggeredBy: 'user', isManual: true })).outcome,
    ).toBe('already-running');
    const sweep = await replicaB.coordinator.sweep();
    expect(sweep.orphaned).toContain(orphanId);
    expect(await runStatus(orphanId)).toMatchObject({
      status: 'FAILURE',
      errorMessage: expect.stringContaining('stopped unexpectedly'),
    });
    const next = await replicaA.coordinator.triggerRun(provider, { triggeredBy: 'user', isManual: true });
    expect(next.outcome).toBe('started');
    const nextId = next.outcome === 'started' ? next.run.id : '';
    (await executingReplica(nextId)).finish(nextId);
    await expect.poll(async () => (await runStatus(nextId)).status).toBe('SUCCESS');
  });

  it('fails runs older than the lock timeout even with a fresh heartbeat', async () => {
    const provider = await newProvider();
    const stuck = await replicaA.database.pool.query<{ id: string }>(
      `INSERT INTO sis_sync_runs (provider_id, tenant_id, status, triggered_by, started_at, heartbeat_at)
       VALUES ($1, $2, 'IN_PROGRESS', 'user', now() - interval '2 hours', now()) RETURNING id`,
      [provider.id, provider.tenantId],
    );
    const sweep = await replicaA.coordinator.sweep();
    expect(sweep.timedOut).toContain(stuck.rows[0]!.id);
    expect(await runStatus(stuck.rows[0]!.id)).toMatchObject({
      status: 'FAILURE',
      errorMessage: expect.stringContaining('SYNC_LOCK_TIMEOUT'),
    });
  });

  it('fails a queued run of a provider disabled before it ran', async () => {
    const provider = await newProvider();
    const run = await replicaA.prisma.sisSyncRun.create({
      data: { providerId: provider.id, tenantId: provider.tenantId, triggeredBy: 'user' },
    });
    await replicaA.prisma.sisProvider.update({ where: { id: provider.id }, data: { enabled: false } });
    await replicaA.boss.send(runQueueName, { runId: run.id }, { id: run.id });
    await expect.poll(async () => (await runStatus(run.id)).status, { timeout: 15_000 }).toBe('FAILURE');
    expect((await runStatus(run.id)).errorMessage).toBe('Provider disabled');
    const disabled = await replicaA.prisma.sisProvider.findUniqueOrThrow({ where: { id: provider.id } });
    expect(
      (await replicaA.coordinator.triggerRun(disabled, { triggeredBy: 'u', isManual: true })).outcome,
    ).toBe('provider-disabled');
  });

  it('refuses to run a provider whose saved config points at a plain-http source, without calling the executor', async () => {
    const provider = await newProvider({
      config: { clientId: 'c', clientSecret: 'saved-secret-7f3a9c', districtId: 'd' },
    });
    // Saved before the https rule existed (or edited in the database): the API would refuse this URL now.
    const config = replicaA.cipher.decrypt(provider.configJson, provider.id) as Record<string, unknown>;
    await replicaA.prisma.sisProvider.update({
      where: { id: provider.id },
      data: {
        configJson: replicaA.cipher.encrypt({ ...config, apiBaseUrl: 'http://sis.example.com' }, provider.id),
      },
    });
    const run = await replicaA.prisma.sisSyncRun.create({
      data: { providerId: provider.id, tenantId: provider.tenantId, triggeredBy: 'user' },
    });
    await replicaA.boss.send(runQueueName, { runId: run.id }, { id: run.id });
    await expect.poll(async () => (await runStatus(run.id)).status, { timeout: 15_000 }).toBe('FAILURE');
    const failed = await runStatus(run.id);
    expect(failed.errorMessage).toContain('apiBaseUrl must be an https:// URL');
    expect(failed.errorMessage).toContain('Edit the provider');
    expect(failed.errorMessage).not.toContain('saved-secret-7f3a9c');
    expect([...executorA.startedRunIds, ...executorB.startedRunIds]).not.toContain(run.id);
  });
});

describe('schedules', () => {
  it('keeps the pg-boss schedule in step with the provider', async () => {
    const provider = await newProvider({ syncSchedule: 'daily', syncTimezone: 'America/Chicago' });
    expect(await scheduleRow(provider.id)).toEqual({ cron: '0 2 * * *', timezone: 'America/Chicago' });
    const patch = (body: Record<string, unknown>) =>
      replicaA.request(`/api/v1/providers/${provider.id}`, { method: 'PATCH', token, body });
    expect((await patch({ syncSchedule: '30 5 * * 1-5', syncTimezone: 'Europe/Berlin' })).status).toBe(200);
    expect(await scheduleRow(provider.id)).toEqual({ cron: '30 5 * * 1-5', timezone: 'Europe/Berlin' });
    await patch({ enabled: false });
    expect(await scheduleRow(provider.id)).toBeUndefined();
    await patch({ enabled: true });
    expect(await scheduleRow(provider.id)).toEqual({ cron: '30 5 * * 1-5', timezone: 'Europe/Berlin' });
    await patch({ syncSchedule: null });
    expect(await scheduleRow(provider.id)).toBeUndefined();
    await patch({ syncSchedule: 'hourly' });
    expect(await scheduleRow(provider.id)).toEqual({ cron: '0 * * * *', timezone: 'Europe/Berlin' });
    expect(
      (await replicaA.request(`/api/v1/providers/${provider.id}`, { method: 'DELETE', token })).status,
    ).toBe(204);
    expect(await scheduleRow(provider.id)).toBeUndefined();
    expect(await replicaA.boss.getQueue(scheduleQueueName(provider.id))).toBeNull();
  });

  it('turns a due cron tick into a scheduled run, once', async () => {
    const provider = await newProvider({ syncSchedule: 'hourly' });
    await replicaA.boss.send(scheduleQueueName(provider.id), { providerId: provider.id });
    expect(await replicaB.coordinator.providersWithDueTicks()).toEqual([provider.id]);
    const counts = await Promise.all([
      replicaA.coordinator.collectScheduleTicks(),
      replicaB.coordinator.collectScheduleTicks(),
    ]);
    expect(counts[0] + counts[1]).toBe(1);
    const run = await replicaA.prisma.sisSyncRun.findFirstOrThrow({ where: { providerId: provider.id } });
    expect(run).toMatchObject({ isManual: false, triggeredBy: 'schedule' });
    const audit = await replicaA.prisma.auditLog.findFirstOrThrow({
      where: { resourceId: provider.id, action: 'sync' },
    });
    expect(audit).toMatchObject({ actor: 'schedule', actorRole: 'SYSTEM', outcome: 'success' });
    (await executingReplica(run.id)).finish(run.id);
    await expect.poll(async () => (await runStatus(run.id)).status).toBe('SUCCESS');
  });
});

describe('limits and shutdown (third replica)', () => {
  it('runs at most MAX_CONCURRENT_SYNCS at once, fails runs past SYNC_LOCK_TIMEOUT and stops gracefully', async () => {
    await replicaA.coordinator.stop();
    await replicaB.coordinator.stop();
    const executorC = createControllableExecutor();
    const replicaC = await startTestService({
      databaseUrl: replicaA.database.url,
      executeRun: executorC.executeRun,
      jobSettings,
      environment: { MAX_CONCURRENT_SYNCS: '1', SYNC_LOCK_TIMEOUT: '4000' },
    });
    try {
      const first = await newProvider();
      const second = await newProvider();
      const firstRun = await replicaC.coordinator.triggerRun(first, { triggeredBy: 'u', isManual: true });
      const secondRun = await replicaC.coordinator.triggerRun(second, { triggeredBy: 'u', isManual: true });
      const firstId = firstRun.outcome === 'started' ? firstRun.run.id : '';
      const secondId = secondRun.outcome === 'started' ? secondRun.run.id : '';
      const [running, waiting] = await (async () => {
        await expect.poll(() => executorC.startedRunIds.length, { timeout: 15_000 }).toBe(1);
        return executorC.startedRunIds[0] === firstId ? [firstId, secondId] : [secondId, firstId];
      })();
      // Give the single worker time to poll again: the second run must still wait.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect((await runStatus(waiting!)).status).toBe('PENDING');
      // The running one passes SYNC_LOCK_TIMEOUT (4 s) and is stopped.
      await expect.poll(async () => (await runStatus(running!)).status, { timeout: 15_000 }).toBe('FAILURE');
      expect((await runStatus(running!)).errorMessage).toContain('SYNC_LOCK_TIMEOUT');
      expect(executorC.aborted.get(running!)).toContain('timeout');
      // Now the waiting one runs; stopping the service aborts it with a clear message.
      await executorC.started(waiting!);
      await replicaC.stop();
      expect(await runStatus(waiting!)).toMatchObject({
        status: 'FAILURE',
        errorMessage: expect.stringContaining('shut down'),
      });
    } finally {
      await replicaC.close();
    }
  });
});

describe('cluster-wide cap', () => {
  it('runs at most MAX_CONCURRENT_SYNCS_TOTAL syncs even when an instance has more workers', async () => {
    await replicaA.coordinator.stop();
    await replicaB.coordinator.stop();
    const executorD = createControllableExecutor();
    const replicaD = await startTestService({
      databaseUrl: replicaA.database.url,
      executeRun: executorD.executeRun,
      jobSettings: { ...jobSettings, busyRetrySeconds: 1 },
      environment: { MAX_CONCURRENT_SYNCS: '3', MAX_CONCURRENT_SYNCS_TOTAL: '1' },
    });
    try {
      const providers = [await newProvider(), await newProvider()];
      const runIds: string[] = [];
      for (const provider of providers) {
        const result = await replicaD.coordinator.triggerRun(provider, { triggeredBy: 'u', isManual: true });
        runIds.push(result.outcome === 'started' ? result.run.id : '');
      }
      await expect.poll(() => executorD.startedRunIds.length, { timeout: 15_000 }).toBe(1);
      const [first] = executorD.startedRunIds;
      const second = runIds.find((id) => id !== first)!;
      // Three idle workers and several retries later, the second run still waits for the cap.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect((await runStatus(second)).status).toBe('PENDING');
      executorD.finish(first!);
      await executorD.started(second);
      expect((await runStatus(second)).status).toBe('IN_PROGRESS');
      executorD.finish(second);
      await expect.poll(async () => (await runStatus(second)).status).toBe('SUCCESS');
    } finally {
      await replicaD.close();
    }
  });
});
