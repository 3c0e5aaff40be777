import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import {
  createDistrict,
  generateSshKeyPair,
  type SimulatedDistrict,
  sshFingerprint,
  startCleverServer,
  startOneRosterServer,
  startSftpServer,
  writeOneRosterCsv,
} from '@aivo/sis-simulator';
import { type EntityStats, statsKeyByEntity } from '@aivo/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SisSyncRun } from '../generated/prisma/client.js';
import type { ExecuteRun } from '../jobs/execute-run.js';
import type { ApplyHeldDeactivations } from '../providers/connection-test.js';
import { createPostgresRosterStore } from '../roster-store/postgres-roster-store.js';
import { startTestService, type TestService } from '../test-support/start-test-service.js';
import { createApplyHeldDeactivations } from './create-apply-held-deactivations.js';
import { createSyncExecutor } from './create-sync-executor.js';
import { saveProviderSyncSettings } from './provider-sync-state.js';

/** Test-only: the service on embedded PostgreSQL with the real sync executor, driven through its API. */
interface SyncTestHarness {
  service: TestService;
  token: string;
  createProvider(body: {
    providerType: string;
    name: string;
    config: Record<string, unknown>;
  }): Promise<string>;
  /** Triggers a sync through the API and waits until the run has ended. */
  sync(providerId: string, body?: { mode?: 'full' | 'delta'; dryRun?: boolean }): Promise<SisSyncRun>;
  activeCounts(providerId: string): Promise<Record<RosterEntity, number>>;
  close(): Promise<void>;
}

const tenantId = 'district-e2e';
const rosterTableOf: Record<RosterEntity, string> = {
  orgs: 'roster_orgs',
  academicSessions: 'roster_academic_sessions',
  courses: 'roster_courses',
  classes: 'roster_classes',
  users: 'roster_user_links',
  enrollments: 'roster_enrollments',
};

/** Starts the harness; the executor and held-set approval are the real ones, on the service's own pool. */
async function startSyncTestHarness(): Promise<SyncTestHarness> {
  let executeRun: ExecuteRun | undefined;
  let applyHeld: ApplyHeldDeactivations | undefined;
  const service = await startTestService({
    executeRun: (input) => executeRun!(input),
    applyHeldDeactivations: (input) => applyHeld!(input),
  });
  const pool = service.database.pool;
  executeRun = createSyncExecutor({ pool, batchSize: 40 });
  applyHeld = createApplyHeldDeactivations({ store: createPostgresRosterStore({ pool }) });
  const token = await service.token({ role: 'PLATFORM_ADMIN' });

  return {
    service,
    token,
    async createProvider(body) {
      const response = await service.request('/api/v1/providers', {
        method: 'POST',
        token,
        body: { tenantId, ...body },
      });
      expect(response.status, await response.clone().text()).toBe(201);
      const { id } = (await response.json()) as { id: string };
      // Count tests compare with the generator's day-to-day changes, which exceed the 10% default hold.
      await saveProviderSyncSettings(pool, id, { maxDeactivatePercent: 100 });
      return id;
    },
    async sync(providerId, body = {}) {
      const response = await service.request(`/api/v1/providers/${providerId}/sync`, {
        method: 'POST',
        token,
        body,
      });
      expect(response.status, await response.clone().text()).toBe(202);
      const { runId } = (await response.json()) as { runId: string };
      for (;;) {
        const run = await service.prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
        if (run.status !== 'PENDING' && run.status !== 'IN_PROGRESS') return run;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async activeCounts(providerId) {
      const counts = {} as Record<RosterEntity, number>;
      for (const entity of rosterEntities) {
        const result = await pool.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM ${rosterTableOf[entity]} WHERE provider_id = $1 AND active`,
          [providerId],
        );
        counts[entity] = result.rows[0]!.count;
      }
      return counts;
    },
    close: () => service.close(),
  };
}

function statsOf(run: SisSyncRun): Record<string, EntityStats> {
  return run.statsJson as unknown as Record<string, EntityStats>;
}

/**
 * The sourcedIds of an entity that a provider type serves for a district. Clever serves only the terms its
 * sections point at (no school year) and no guardians (the connector reads no contacts); the OneRoster
 * servers and files serve every record.
 */
type Served = (district: SimulatedDistrict, entity: RosterEntity) => Set<string>;

const servesEverything: Served = (district, entity) =>
  new Set([...district.records(entity)].map((record) => record.sourcedId));

const cleverServes: Served = (district, entity) => {
  if (entity === 'academicSessions') {
    return new Set([...district.classes()].flatMap((roster) => roster.termSourcedIds.slice(0, 1)));
  }
  if (entity === 'users') {
    return new Set(
      [...district.users()].filter((user) => user.role !== 'guardian').map((user) => user.sourcedId),
    );
  }
  return servesEverything(district, entity);
};

function expectedCounts(
  served: Served,
  entity: RosterEntity,
  after: SimulatedDistrict,
  before?: SimulatedDistrict,
) {
  const now = served(after, entity);
  const earlier = before ? served(before, entity) : new Set<string>();
  const updated = before ? after.changesSince(before)[entity].updated : [];
  return {
    created: [...now].filter((id) => !earlier.has(id)).length,
    updated: updated.filter((id) => now.has(id) && earlier.has(id)).length,
    deactivated: [...earlier].filter((id) => !now.has(id)).length,
    active: now.size,
  };
}

/** Day 1 into an empty roster: every record the provider serves is created, nothing else. */
function expectFirstDay(
  run: SisSyncRun,
  district: SimulatedDistrict,
  served: Served = servesEverything,
): void {
  expect(run.status, run.errorMessage ?? '').toBe('SUCCESS');
  for (const entity of rosterEntities) {
    expect(statsOf(run)[statsKeyByEntity[entity]], entity).toMatchObject({
      created: expectedCounts(served, entity, district).created,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      reactivated: 0,
      skipped: 0,
    });
  }
}

/** Day 2 after day 1: exactly the generator's creates, updates and deletions. */
function expectNextDay(
  run: SisSyncRun,
  before: SimulatedDistrict,
  after: SimulatedDistrict,
  served: Served = servesEverything,
): void {
  expect(run.status, run.errorMessage ?? '').toBe('SUCCESS');
  let changed = 0;
  for (const entity of rosterEntities) {
    const { created, updated, deactivated } = expectedCounts(served, entity, after, before);
    changed += created + updated + deactivated;
    expect(statsOf(run)[statsKeyByEntity[entity]], entity).toMatchObject({
      created,
      updated,
      deactivated,
      reactivated: 0,
      skipped: 0,
    });
  }
  expect(changed).toBeGreaterThan(0);
}

/** The same day again: nothing changes. */
function expectNoChanges(run: SisSyncRun): void {
  expect(run.status, run.errorMessage ?? '').toBe('SUCCESS');
  for (const entity of rosterEntities) {
    expect(statsOf(run)[statsKeyByEntity[entity]], entity).toMatchObject({
      created: 0,
      updated: 0,
      deactivated: 0,
      reactivated: 0,
    });
  }
}

/** Active roster rows equal what the provider serves of the district. */
function expectRosterOf(
  counts: Record<RosterEntity, number>,
  district: SimulatedDistrict,
  served: Served = servesEverything,
): void {
  expect(counts).toEqual(
    Object.fromEntries(rosterEntities.map((entity) => [entity, served(district, entity).size])),
  );
}

/**
 * An SFTP host key that ssh2 parses back: a generated ed25519 key occasionally does not round-trip ("Malformed
 * OpenSSH private key"), which would fail the server's start, not the sync under test.
 */
function readableHostKey(): string {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const { privateKey } = generateSshKeyPair('sis-sync-e2e-host');
    try {
      sshFingerprint(privateKey);
      return privateKey;
    } catch {
      // Generate another one.
    }
  }
  throw new Error('Could not generate a readable SSH host key');
}

// ---------------------------------------------------------------------------------------------------
// End-to-end: the service's job machinery runs the real executor against the simulator's servers.

let harness: SyncTestHarness;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  harness = await startSyncTestHarness();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await harness?.close();
});

async function countRows(text: string, values: unknown[]): Promise<number> {
  const result = await harness.service.database.pool.query<{ count: number }>(text, values);
  return result.rows[0]!.count;
}

describe('end-to-end syncs of a simulated district through each provider type', () => {
  it('OneRoster API: day 1, day 2 and day 2 again give the generator’s exact changes, then zeros', async () => {
    const day1 = createDistrict({ seed: 41, size: 'tiny' });
    const day2 = day1.nextDay();
    const server = await startOneRosterServer({ district: day1 });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'ONEROSTER_API',
      name: 'OneRoster',
      config: {
        baseUrl: server.baseUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        pageSize: 15,
      },
    });

    const first = await harness.sync(providerId);
    expectFirstDay(first, day1);
    expectRosterOf(await harness.activeCounts(providerId), day1);
    // Everything extracted was staged for the run, with its source payload, and marked processed.
    expect(
      await countRows(
        `SELECT count(*)::int AS count FROM sis_raw_users WHERE run_id = $1 AND processed AND raw_json ? 'sourcedId'`,
        [first.id],
      ),
    ).toBe(day1.groundTruth().records.users);
    expect(
      await countRows('SELECT count(*)::int AS count FROM sis_raw_enrollments WHERE run_id = $1', [first.id]),
    ).toBe(day1.groundTruth().records.enrollments);

    server.setDistrict(day2);
    const second = await harness.sync(providerId);
    expectNextDay(second, day1, day2);
    expectRosterOf(await harness.activeCounts(providerId), day2);
    // The change log says what the run did, row by row.
    const changes = day2.changesSince(day1);
    expect(
      await countRows(
        `SELECT count(*)::int AS count FROM roster_changes WHERE run_id = $1 AND entity = 'users' AND kind = 'deactivated'`,
        [second.id],
      ),
    ).toBe(changes.users.counts.deleted);

    expectNoChanges(await harness.sync(providerId));
    expectRosterOf(await harness.activeCounts(providerId), day2);
  });

  it('ClassLink (OneRoster in ClassLink flavour): day 1, day 2, day 2 again', async () => {
    const day1 = createDistrict({ seed: 42, size: 'tiny' });
    const day2 = day1.nextDay();
    const server = await startOneRosterServer({ district: day1, flavour: 'classlink' });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'CLASSLINK',
      name: 'ClassLink',
      config: {
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        tenantId: '4242',
        baseUrl: server.baseUrl,
      },
    });
    expectFirstDay(await harness.sync(providerId), day1);
    server.setDistrict(day2);
    expectNextDay(await harness.sync(providerId), day1, day2);
    expectNoChanges(await harness.sync(providerId));
    expectRosterOf(await harness.activeCounts(providerId), day2);
  });

  it('Clever: a full day 1, then day 2 and day 2 again as deltas from the stored event cursor', async () => {
    const day1 = createDistrict({ seed: 43, size: 'tiny' });
    const day2 = day1.nextDay();
    const server = await startCleverServer({ district: day1 });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'CLEVER',
      name: 'Clever',
      config: {
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        districtId: server.districtId,
        apiBaseUrl: server.url,
        oauthBaseUrl: server.url,
        pageSize: 20,
      },
    });
    expectFirstDay(await harness.sync(providerId), day1, cleverServes);
    expect(
      await countRows(
        'SELECT count(*)::int AS count FROM sis_provider_sync_state WHERE provider_id = $1 AND delta_cursor IS NOT NULL',
        [providerId],
      ),
    ).toBe(1);
    server.setDistrict(day2);
    const second = await harness.sync(providerId, { mode: 'delta' });
    expect(second.mode).toBe('delta');
    expectNextDay(second, day1, day2, cleverServes);
    expectRosterOf(await harness.activeCounts(providerId), day2, cleverServes);
    expectNoChanges(await harness.sync(providerId, { mode: 'delta' }));
    expectNoChanges(await harness.sync(providerId));
    expectRosterOf(await harness.activeCounts(providerId), day2, cleverServes);
  });

  it('Clever: an expired event cursor makes the delta run read everything, then deltas resume', async () => {
    const day1 = createDistrict({ seed: 48, size: 'tiny' });
    const day2 = day1.nextDay();
    const day3 = day2.nextDay();
    let now = Date.parse('2026-09-01T00:00:00Z');
    // Started on day 2 with the events from day 1, so the saved cursor is an event id.
    const server = await startCleverServer({ district: day2, previous: day1, now: () => now });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'CLEVER',
      name: 'Clever with an old cursor',
      config: {
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        districtId: server.districtId,
        apiBaseUrl: server.url,
        oauthBaseUrl: server.url,
      },
    });
    expectFirstDay(await harness.sync(providerId), day2, cleverServes);
    now += 31 * 24 * 60 * 60 * 1000;
    server.setDistrict(day3);
    const caughtUp = await harness.sync(providerId, { mode: 'delta' });
    expect(caughtUp.errorMessage).toMatch(/cursor had expired/);
    expectNextDay(caughtUp, day2, day3, cleverServes);
    expectNoChanges(await harness.sync(providerId, { mode: 'delta' }));
    expectRosterOf(await harness.activeCounts(providerId), day3, cleverServes);
  });

  it('OneRoster CSV over SFTP: day 1, day 2, day 2 again', async () => {
    const day1 = createDistrict({ seed: 44, size: 'tiny' });
    const day2 = day1.nextDay();
    const root = await mkdtemp(join(tmpdir(), 'sis-sync-e2e-sftp-'));
    closers.push(() => rm(root, { recursive: true, force: true }));
    await writeOneRosterCsv({ district: day1, out: join(root, 'exports') });
    const password = 'sftp-password-for-e2e';
    const server = await startSftpServer({ root, password, hostKey: readableHostKey() });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'ONEROSTER_CSV',
      name: 'OneRoster CSV',
      config: {
        sftp: {
          host: server.host,
          port: server.port,
          username: server.username,
          password,
          hostKeySha256: server.hostKeyFingerprint,
        },
        remotePath: '/exports',
      },
    });
    expectFirstDay(await harness.sync(providerId), day1);
    await rm(join(root, 'exports'), { recursive: true });
    await writeOneRosterCsv({ district: day2, out: join(root, 'exports') });
    expectNextDay(await harness.sync(providerId), day1, day2);
    expectNoChanges(await harness.sync(providerId));
    expectRosterOf(await harness.activeCounts(providerId), day2);
  });
});

describe('safety end to end', () => {
  it('a source failing halfway through users deactivates no user and no enrollment', async () => {
    const day1 = createDistrict({ seed: 45, size: 'tiny' });
    const day2 = day1.nextDay();
    const server = await startOneRosterServer({ district: day1 });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'ONEROSTER_API',
      name: 'Failing source',
      config: {
        baseUrl: server.baseUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        pageSize: 10,
      },
    });
    expectFirstDay(await harness.sync(providerId), day1);
    const before = await harness.activeCounts(providerId);
    // Day 2 really removes users and enrollments, but the users read fails after its first page.
    expect(
      day2.changesSince(day1).users.counts.deleted + day2.changesSince(day1).enrollments.counts.deleted,
    ).toBeGreaterThan(0);
    server.setDistrict(day2);
    server.setFaults([
      { kind: 'status', status: 403, match: (url) => url.includes('/users?') && /offset=[1-9]/.test(url) },
    ]);
    const failed = await harness.sync(providerId);
    expect(failed.status).toBe('PARTIAL');
    expect(failed.errorMessage).toMatch(/users/);
    const stats = failed.statsJson as unknown as Record<string, EntityStats>;
    expect(stats.users?.deactivated).toBe(0);
    // Enrollments go only with the classes a complete classes read removed (cascade), never as "absent".
    expect(
      await countRows(
        `SELECT count(*)::int AS count FROM roster_changes
          WHERE run_id = $1 AND entity = 'enrollments' AND kind = 'deactivated' AND reason <> 'cascade'`,
        [failed.id],
      ),
    ).toBe(0);
    expect(
      await countRows(
        `SELECT count(*)::int AS count FROM roster_changes WHERE run_id = $1 AND kind = 'deactivated' AND reason = 'cascade'`,
        [failed.id],
      ),
    ).toBe(stats.enrollments?.deactivated);
    const after = await harness.activeCounts(providerId);
    expect(
      await countRows(
        'SELECT count(*)::int AS count FROM roster_user_links WHERE provider_id = $1 AND NOT active',
        [providerId],
      ),
    ).toBe(0);
    expect(after.users).toBe(before.users);
    expect(
      await countRows(
        `SELECT count(*)::int AS count FROM sis_run_issues WHERE run_id = $1 AND code = 'read_failed' AND entity = 'users'`,
        [failed.id],
      ),
    ).toBe(1);
    // Once the source answers again, the next run catches up exactly.
    server.setFaults([]);
    const recovered = await harness.sync(providerId);
    expect(recovered.status, recovered.errorMessage ?? '').toBe('SUCCESS');
    expectRosterOf(await harness.activeCounts(providerId), day2);
  });

  it('a 60%-smaller district is held (PARTIAL); a dry run changes nothing; approve applies exactly the held set', async () => {
    const full = createDistrict({ seed: 46, size: 'tiny' });
    const smaller = createDistrict({
      seed: 46,
      size: {
        schools: 2,
        students: 8,
        teachers: 3,
        classes: 6,
        administrators: 1,
        aides: 1,
        guardians: 6,
        courses: 3,
      },
    });
    const server = await startOneRosterServer({ district: full });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'ONEROSTER_API',
      name: 'Shrinking source',
      config: { baseUrl: server.baseUrl, clientId: server.clientId, clientSecret: server.clientSecret },
    });
    await saveProviderSyncSettings(harness.service.database.pool, providerId, { maxDeactivatePercent: 10 });
    expectFirstDay(await harness.sync(providerId), full);
    server.setDistrict(smaller);

    const dryRun = await harness.sync(providerId, { dryRun: true });
    expect(dryRun.status).toBe('PARTIAL');
    expect(dryRun.heldStatus).toBeNull();
    expect(dryRun.errorMessage).toMatch(/Dry run/);
    expectRosterOf(await harness.activeCounts(providerId), full);
    expect(
      await countRows('SELECT count(*)::int AS count FROM roster_changes WHERE run_id = $1', [dryRun.id]),
    ).toBe(0);
    // The dry run staged what it read, flagged as not processed (nothing was kept).
    expect(
      await countRows(
        'SELECT count(*)::int AS count FROM sis_raw_users WHERE run_id = $1 AND NOT processed',
        [dryRun.id],
      ),
    ).toBe(smaller.groundTruth().records.users);

    const held = await harness.sync(providerId);
    expect(held.status).toBe('PARTIAL');
    expect(held.heldStatus).toBe('HELD');
    const store = createPostgresRosterStore({ pool: harness.service.database.pool });
    const sets = await store.listHeldSets({ tenantId, providerId, status: 'pending' });
    expect(sets.length).toBeGreaterThan(0);
    expect(sets.every((set) => set.runId === held.id)).toBe(true);
    const heldRows = new Set<string>();
    for (const set of sets) {
      for (const sourcedId of await store.listHeldSourcedIds({
        tenantId,
        providerId,
        heldId: set.heldId,
        limit: 10_000,
      }))
        heldRows.add(`${set.entity}/${sourcedId}`);
    }
    expect(heldRows.size).toBe(sets.reduce((sum, set) => sum + set.count, 0));
    // Held rows are still active.
    const beforeApproval = await harness.activeCounts(providerId);
    for (const set of sets)
      expect(beforeApproval[set.entity]).toBeGreaterThan(smaller.groundTruth().records[set.entity]);

    const approved = await harness.service.request(`/api/v1/runs/${held.id}/held/approve`, {
      method: 'POST',
      token: harness.token,
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const changed = await harness.service.database.pool.query<{ entity: string; sourced_id: string }>(
      `SELECT entity, sourced_id FROM roster_changes WHERE run_id = $1 AND reason = 'approved'`,
      [held.id],
    );
    expect(new Set(changed.rows.map((row) => `${row.entity}/${row.sourced_id}`))).toEqual(heldRows);
    expectRosterOf(await harness.activeCounts(providerId), smaller);
    expect((await store.listHeldSets({ tenantId, providerId, status: 'pending' })).length).toBe(0);
  });

  it('a cancel stops the run at a batch boundary: CANCELLED, the entity being read deactivates nothing', async () => {
    const day1 = createDistrict({ seed: 47, size: 'tiny' });
    const server = await startOneRosterServer({ district: day1 });
    closers.push(() => server.close());
    const providerId = await harness.createProvider({
      providerType: 'ONEROSTER_API',
      name: 'Slow source',
      config: {
        baseUrl: server.baseUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        pageSize: 5,
      },
    });
    expectFirstDay(await harness.sync(providerId), day1);
    // Day 2 would deactivate rows; the users pages are slow, so a cancel once classes are done lands mid-read.
    expect(day1.nextDay().changesSince(day1).users.counts.deleted).toBeGreaterThan(0);
    server.setDistrict(day1.nextDay());
    server.setFaults([{ kind: 'delay', ms: 300, match: (url) => url.includes('/users?') }]);
    const started = await harness.service.request(`/api/v1/providers/${providerId}/sync`, {
      method: 'POST',
      token: harness.token,
      body: {},
    });
    const { runId } = (await started.json()) as { runId: string };
    for (;;) {
      const run = await harness.service.prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
      const progress = run.progressJson as { entity?: string; done?: boolean } | null;
      if (progress?.entity === 'classes' && progress.done) break;
      expect(run.status).toMatch(/PENDING|IN_PROGRESS/);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const cancelled = await harness.service.request(`/api/v1/providers/${providerId}/sync/cancel`, {
      method: 'POST',
      token: harness.token,
    });
    expect([200, 202]).toContain(cancelled.status);
    let run = await harness.service.prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
    while (run.status === 'IN_PROGRESS') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = await harness.service.prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
    }
    expect(run.status).toBe('CANCELLED');
    // Entities read completely before the cancel may deactivate (and cascade); users, being read, and the
    // entities after them deactivate nothing.
    expect(
      await countRows(
        `SELECT count(*)::int AS count FROM roster_changes
          WHERE run_id = $1 AND kind = 'deactivated' AND (entity = 'users' OR (entity = 'enrollments' AND reason <> 'cascade'))`,
        [runId],
      ),
    ).toBe(0);
    expect((await harness.activeCounts(providerId)).users).toBe(day1.groundTruth().records.users);
    expect(
      // No run is active any more, so no seen-marker at all may be left.
      await countRows('SELECT count(*)::int AS count FROM roster_seen_markers', []),
    ).toBe(0);
  });

  it('a provider whose config its connector refuses fails the run with a message naming the field', async () => {
    const refused = {
      baseUrl: 'http://127.0.0.1:9/ims/oneroster/v1p1',
      clientId: 'key',
      clientSecret: 'secret',
      auth: 'oauth2',
    };
    // The API validates with the connector's schema, so such a config can only come from before that.
    const providerId = await harness.createProvider({
      providerType: 'ONEROSTER_API',
      name: 'Misconfigured',
      config: { ...refused, auth: 'oauth1' },
    });
    const { service } = harness;
    await service.prisma.sisProvider.update({
      where: { id: providerId },
      data: { configJson: service.cipher.encrypt(refused, providerId) },
    });
    const run = await harness.sync(providerId);
    expect(run.status).toBe('FAILURE');
    expect(run.errorMessage).toMatch(/tokenUrl/);
    expect(run.errorMessage).not.toMatch(/secret/);
  });
});
