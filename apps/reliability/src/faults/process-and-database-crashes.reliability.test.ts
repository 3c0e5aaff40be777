import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rosterEntities } from '@aivo/connector-sdk';
import { createDistrict, startOneRosterServer } from '@aivo/sis-simulator';
import { type EmbeddedDatabase, issueAccessToken, startEmbeddedDatabase } from '@aivo/sis-sync-svc';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEncryptionKey, testJwtSecret } from '../support/reliability-service.js';
import { allowAllDeactivations, groundTruthOf, readRosterState } from '../support/roster-state.js';
import {
  type ServiceProcess,
  type ServiceProcessKind,
  startServiceProcess,
} from '../support/service-process.js';
import type { RunView } from '../support/wait-for-run.js';

// The service process killed with SIGKILL mid-sync, and PostgreSQL restarted mid-sync: the run is marked
// failed, nothing is lost or duplicated, and the next run reaches exactly the ground truth.
const tenantId = 'district-crashes';
const district = createDistrict({ seed: 7070, size: 'tiny' });
const truth = groundTruthOf(district);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Adds the running service process's state to timeout messages. */
let describeService: (() => string) | undefined;
let directory: string;
let port: number;
let database: EmbeddedDatabase;
let pool: pg.Pool;
let oneRoster: Awaited<ReturnType<typeof startOneRosterServer>>;
const databasePassword = 'reliability-database-password';

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'aivo-reliability-crash-'));
  port = await freePort();
  database = await startEmbeddedDatabase({
    directory: join(directory, 'postgres'),
    password: databasePassword,
    port,
  });
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  pool.on('error', () => {});
  // Slow pages make each phase last long enough to be hit.
  oneRoster = await startOneRosterServer({ district, faults: [{ kind: 'delay', ms: 120 }] });
});
afterAll(async () => {
  await pool?.end();
  await oneRoster?.close();
  await database?.stop();
  await rm(directory, { recursive: true, force: true });
});

const serviceEnvironment = () => ({
  DATABASE_URL: database.url,
  JWT_SECRET: testJwtSecret,
  SIS_CONFIG_ENCRYPTION_KEY: testEncryptionKey,
  RELIABILITY_SYNC_BATCH_SIZE: '10',
});

async function api(service: ServiceProcess, path: string, init: { method?: string; body?: unknown } = {}) {
  const token = await issueAccessToken({
    secret: testJwtSecret,
    subject: 'crash-tester',
    role: 'PLATFORM_ADMIN',
  });
  const response = await fetch(`${service.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function runRow(runId: string): Promise<RunView & { progress_json: Record<string, unknown> | null }> {
  const result = await pool.query(
    'SELECT id, status, error_message AS "errorMessage", progress_json FROM sis_sync_runs WHERE id = $1',
    [runId],
  );
  return result.rows[0];
}

async function waitFor<Value>(
  what: string,
  probe: () => Promise<Value | undefined>,
  timeoutMs = 90_000,
): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${describeService?.() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function expectConsistentRoster(providerId: string, context: string) {
  const state = await readRosterState(pool, providerId);
  for (const entity of rosterEntities) {
    expect(state.duplicates[entity], `${context}: ${entity} duplicates`).toBe(0);
    expect(state.inactive[entity], `${context}: ${entity} wrongly deactivated`).toBe(0);
    for (const sourcedId of state.active[entity])
      expect(truth[entity], `${context}: ${entity}`).toContain(sourcedId);
  }
}

describe('the service process killed with SIGKILL', () => {
  it('during extract, during load and between entities: the run is marked FAILURE after restart; the next run is exact', {
    timeout: 400_000,
  }, async () => {
    let service = await startServiceProcess(serviceEnvironment());
    try {
      const created = await api(service, '/providers', {
        method: 'POST',
        body: {
          tenantId,
          providerType: 'ONEROSTER_API',
          name: 'Crashing service',
          config: {
            baseUrl: oneRoster.baseUrl,
            clientId: oneRoster.clientId,
            clientSecret: oneRoster.clientSecret,
            pageSize: 5,
          },
        },
      });
      expect(created.status).toBe(201);
      const providerId = created.body.id as string;
      await allowAllDeactivations(pool, providerId);
      // Extract and between entities: the real `sis-sync serve`. During load: the same service with small
      // reconciliation batches, so a tiny district's run is caught in the middle of loading users.
      const killPoints: Array<[string, ServiceProcessKind, (progress: Record<string, unknown>) => boolean]> =
        [
          ['during extract', 'cli', (progress) => progress.phase === 'extract'],
          [
            'during load',
            'small-batches',
            (progress) =>
              progress.entity === 'users' && progress.done === false && Number(progress.processed) > 0,
          ],
          ['between entities', 'cli', (progress) => progress.entity === 'classes' && progress.done === true],
        ];
      for (const [label, kind, reached] of killPoints) {
        if (kind !== 'cli') {
          await service.kill();
          service = await startServiceProcess(serviceEnvironment(), kind);
        }
        const started = await api(service, `/providers/${providerId}/sync`, { method: 'POST', body: {} });
        expect(started.status, JSON.stringify(started.body)).toBe(202);
        const runId = started.body.runId as string;
        await waitFor(label, async () => {
          const row = await runRow(runId);
          expect(row.status, `${label}: the run ended before the kill point`).not.toMatch(
            /SUCCESS|FAILURE|PARTIAL/,
          );
          return row.progress_json && reached(row.progress_json) ? true : undefined;
        });
        await service.kill();
        expect((await runRow(runId)).status, label).toBe('IN_PROGRESS');
        await expectConsistentRoster(providerId, `${label}, right after the kill`);
        service = await startServiceProcess(serviceEnvironment());
        const failed = await waitFor(`${label}: the crashed run marked failed`, async () => {
          const row = await runRow(runId);
          return row.status === 'IN_PROGRESS' ? undefined : row;
        });
        expect(failed.status, label).toBe('FAILURE');
        expect(failed.errorMessage ?? '', label).not.toBe('');
        await expectConsistentRoster(providerId, `${label}, after restart`);
      }
      const last = await api(service, `/providers/${providerId}/sync`, { method: 'POST', body: {} });
      expect(last.status).toBe(202);
      const finished = await waitFor('the run after the crashes', async () => {
        const row = await runRow(last.body.runId as string);
        return ['SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED'].includes(row.status) ? row : undefined;
      });
      expect(finished.status, finished.errorMessage ?? '').toBe('SUCCESS');
      const state = await readRosterState(pool, providerId);
      expect(state.active).toEqual(truth);
      for (const entity of rosterEntities) expect(state.duplicates[entity]).toBe(0);
    } finally {
      await service.kill();
    }
  });
});

describe('PostgreSQL restarted mid-run', () => {
  // Finding R-5 (docs/reliability.md), fixed: pg-boss 10 completes a job without awaiting or catching it
  // (manager.js onFetch), so a database restart mid-run was an unhandled rejection that ended the process;
  // `sis-sync serve` now logs such database connection errors and keeps serving (decision 0761).
  it('the service process survives, the interrupted run ends, and the next run is exact (R-5)', {
    timeout: 300_000,
  }, async () => {
    const service = await startServiceProcess(serviceEnvironment());
    describeService = () =>
      `; service exit code ${service.child.exitCode} signal ${service.child.signalCode}; output:\n${service.output().slice(-1_500)}`;
    try {
      const created = await api(service, '/providers', {
        method: 'POST',
        body: {
          tenantId,
          providerType: 'ONEROSTER_API',
          name: 'Database restart',
          config: {
            baseUrl: oneRoster.baseUrl,
            clientId: oneRoster.clientId,
            clientSecret: oneRoster.clientSecret,
            pageSize: 5,
          },
        },
      });
      expect(created.status).toBe(201);
      const providerId = created.body.id as string;
      await allowAllDeactivations(pool, providerId);
      const started = await api(service, `/providers/${providerId}/sync`, { method: 'POST', body: {} });
      const runId = started.body.runId as string;
      await waitFor('the load of users', async () => {
        const row = await runRow(runId);
        return row.progress_json?.entity === 'users' ? true : undefined;
      });
      await database.stop();
      // Down long enough for the running sync to hit the missing database and end its job meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      database = await startEmbeddedDatabase({
        directory: join(directory, 'postgres'),
        password: databasePassword,
        port,
      });
      // The interrupted run ends (failed by its executor or by the sweeper); it never stays IN_PROGRESS.
      const ended = await waitFor('the interrupted run to end (or the service to die)', async () => {
        if (service.child.exitCode !== null) return { status: 'service died', errorMessage: null };
        const row = await runRow(runId).catch(() => undefined);
        return row && !['PENDING', 'IN_PROGRESS'].includes(row.status) ? row : undefined;
      });
      expect(
        service.child.exitCode,
        `the service process died:\n${service.output().slice(-2_000)}`,
      ).toBeNull();
      expect(['FAILURE', 'SUCCESS'], ended.errorMessage ?? '').toContain(ended.status);
      await expectConsistentRoster(providerId, 'after the database restart');
      const next = await waitFor('a new run to be accepted', async () => {
        const answer = await api(service, `/providers/${providerId}/sync`, {
          method: 'POST',
          body: {},
        }).catch(() => undefined);
        return answer?.status === 202 ? answer : undefined;
      });
      const finished = await waitFor('the run after the restart', async () => {
        const row = await runRow(next.body.runId as string);
        return ['SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED'].includes(row.status) ? row : undefined;
      });
      expect(finished.status, finished.errorMessage ?? '').toBe('SUCCESS');
      expect((await readRosterState(pool, providerId)).active).toEqual(truth);
    } finally {
      await service.kill();
    }
  });
});
