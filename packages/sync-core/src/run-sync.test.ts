import { type RosterConnectorV1, type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import { createStaticConnector } from '@aivo/connector-sdk/testing';
import { describe, expect, it } from 'vitest';
import {
  course,
  many,
  rosterClass,
  school,
  smallDistrict,
  student,
  term,
} from './__fixtures__/roster-records.js';
import { createMemoryRosterStore } from './memory-roster-store.js';
import type { RosterStore } from './roster-store.js';
import { runSync } from './run-sync.js';
import { createSyncHarness } from './sync-test-helpers.js';

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe('runSync: load order, batches and stats', () => {
  it('reads entities in dependency order and reports stats under the SPEC keys', async () => {
    const read: RosterEntity[] = [];
    const base = createStaticConnector({ records: smallDistrict() });
    const connector = Object.fromEntries(
      Object.entries(base).map(([key, value]) => [
        key,
        (rosterEntities as readonly string[]).includes(key)
          ? (options: unknown) => {
              read.push(key as RosterEntity);
              return (value as (options: unknown) => unknown)(options);
            }
          : value,
      ]),
    ) as unknown as RosterConnectorV1;
    const { sync } = createSyncHarness();
    const result = await sync(connector);
    expect(read).toEqual(['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments']);
    expect(result.status).toBe('SUCCESS');
    expect(Object.keys(result.stats)).toEqual([
      'schools',
      'terms',
      'courses',
      'classes',
      'users',
      'enrollments',
    ]);
    expect(result.stats.schools).toMatchObject({ created: 1, updated: 0, unchanged: 0, deactivated: 0 });
    expect(result.stats.users).toMatchObject({ created: 10, matched: 0 });
    expect(result.stats.enrollments).toMatchObject({ created: 10, skipped: 0, issues: 0 });
  });

  it('streams in batches: the next batch is read while the previous one is written, never further ahead', async () => {
    const events: string[] = [];
    const store = createMemoryRosterStore();
    let openFirstWrite: (() => void) | undefined;
    const firstWriteGate = new Promise<void>((resolve) => {
      openFirstWrite = resolve;
    });
    let writesStarted = 0;
    const recording: RosterStore = {
      ...store,
      async applyBatch(input) {
        writesStarted += 1;
        // The first write waits until the source has yielded the whole second batch: only a reader that
        // runs ahead of the writer can open it (a one-second fallback makes a regression fail, not hang).
        if (writesStarted === 1) await Promise.race([firstWriteGate, sleep(1000)]);
        events.push(`applied ${input.entity} ${input.creates.length}`);
        return store.applyBatch(input);
      },
    };
    const connector: RosterConnectorV1 = {
      ...createStaticConnector({ records: {} }),
      async *orgs() {
        for (let index = 0; index < 5; index += 1) {
          events.push(`yield ${index}`);
          if (index === 3) openFirstWrite?.();
          yield school(`s${index}`);
        }
      },
    };
    const progress: number[] = [];
    const result = await runSync({
      connector,
      store: recording,
      tenantId: 't',
      providerId: 'p',
      runId: 'r1',
      mode: 'full',
      batchSize: 2,
      onProgress: (update) => {
        if (update.entity === 'orgs') progress.push(update.processed);
      },
    });
    expect(result.status).toBe('SUCCESS');
    // Records 2 and 3 are read while batch [0, 1] is being written; record 4 waits until that write is done.
    expect(events).toEqual([
      'yield 0',
      'yield 1',
      'yield 2',
      'yield 3',
      'applied orgs 2',
      'yield 4',
      'applied orgs 2',
      'applied orgs 1',
    ]);
    expect(progress).toEqual([2, 4, 5, 5]);
    expect(
      (await store.findRows({ tenantId: 't', providerId: 'p', entity: 'orgs', sourcedIds: ['s0', 's4'] }))
        .length,
    ).toBe(2);
  });

  it('rejects invalid options as a FAILURE result, not an exception', async () => {
    const { sync } = createSyncHarness();
    const noSince = await sync({ records: {} }, { mode: 'delta' });
    expect(noSince).toMatchObject({ status: 'FAILURE', errorMessage: expect.stringContaining('since') });
    const notDelta = await sync({ records: {} }, { mode: 'delta', since: new Date() });
    expect(notDelta.errorMessage).toContain('cannot read deltas');
    const badBatch = await sync({ records: {} }, { batchSize: 0 });
    expect(badBatch.errorMessage).toContain('batchSize');
    const badThreshold = await sync(
      { records: {} },
      { thresholds: { maxDeactivatePercentByEntity: { users: 150 } } },
    );
    expect(badThreshold.errorMessage).toContain('from 0 to 100');
  });

  it('records connector issues with the run and counts them per entity', async () => {
    const { sync, store, scope } = createSyncHarness();
    const result = await sync({
      records: { orgs: [school('s1')] },
      issues: [
        {
          entity: 'users',
          severity: 'error',
          code: 'invalid_record',
          message: 'bad row',
          location: { line: 3 },
        },
      ],
    });
    expect(result.status).toBe('SUCCESS');
    expect(result.stats.users.issues).toBe(1);
    expect(result.issues).toMatchObject({ total: 1, byCode: { invalid_record: 1 }, byEntity: { users: 1 } });
    const recorded = [];
    for await (const issue of store.listIssues({ ...scope, runId: 'run-1' })) recorded.push(issue);
    expect(recorded).toMatchObject([{ code: 'invalid_record', location: { line: 3 } }]);
  });

  it('stores connector issues as they come, before the batch they arrived with is full', async () => {
    const calls: string[] = [];
    const store = createMemoryRosterStore();
    const spying: RosterStore = {
      ...store,
      async recordIssues(input) {
        calls.push(`issues ${input.issues.length}`);
        return store.recordIssues(input);
      },
      async applyBatch(input) {
        calls.push(`apply ${input.creates.length}`);
        return store.applyBatch(input);
      },
    };
    const badRow = (line: number) => ({
      entity: 'orgs' as const,
      severity: 'error' as const,
      code: 'invalid_record',
      message: `bad row ${line}`,
      location: { line },
    });
    await runSync({
      connector: createStaticConnector({
        records: { orgs: [school('s1'), school('s2'), school('s3')] },
        issues: [badRow(2), badRow(3), badRow(4)],
      }),
      store: spying,
      tenantId: 't',
      providerId: 'p',
      runId: 'r1',
      mode: 'full',
      batchSize: 3,
    });
    expect(calls).toEqual(['issues 3', 'apply 3']);
  });

  it('ignores a throwing onProgress callback (logged as a warning)', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (message: string) => warnings.push(message) };
    const { sync } = createSyncHarness();
    const result = await sync(
      { records: smallDistrict() },
      {
        logger,
        onProgress: () => {
          throw new Error('UI went away');
        },
      },
    );
    expect(result.status).toBe('SUCCESS');
    expect(result.stats.enrollments.created).toBe(10);
    expect(warnings).toContain('onProgress threw; ignored');
  });

  it('fails the run, without throwing, when the store fails; earlier batches stay applied', async () => {
    const store = createMemoryRosterStore();
    let calls = 0;
    const failing: RosterStore = {
      ...store,
      async applyBatch(input) {
        calls += 1;
        if (input.entity === 'classes') throw new Error('connection reset');
        return store.applyBatch(input);
      },
    };
    const result = await runSync({
      connector: createStaticConnector({ records: smallDistrict() }),
      store: failing,
      tenantId: 'tenant-1',
      providerId: 'provider-1',
      runId: 'r1',
      mode: 'full',
    });
    expect(result.status).toBe('FAILURE');
    expect(result.errorMessage).toContain('connection reset');
    expect(calls).toBe(4);
    expect(store.snapshot().map((row) => row.entity)).toEqual(['academicSessions', 'courses', 'orgs']);
  });

  it('keeps memory flat: no batch handed to the store exceeds batchSize', async () => {
    const store = createMemoryRosterStore();
    let largest = 0;
    const measuring: RosterStore = {
      ...store,
      async markSeen(input) {
        largest = Math.max(largest, input.entries.length);
        return store.markSeen(input);
      },
    };
    await runSync({
      connector: createStaticConnector({
        records: {
          orgs: [school('s1')],
          academicSessions: [term('t1')],
          courses: [course('k1')],
          classes: many(50, (index) => rosterClass(`c${index}`, 's1')),
          users: many(120, (index) => student(`u${index}`)),
        },
      }),
      store: measuring,
      tenantId: 't',
      providerId: 'p',
      runId: 'r1',
      mode: 'full',
      batchSize: 16,
    });
    expect(largest).toBe(16);
    expect(store.snapshot().filter((row) => row.entity === 'users')).toHaveLength(120);
  });
});
