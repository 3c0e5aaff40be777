import type { ReadOptions } from '@aivo/connector-sdk';
import { createStaticConnector } from '@aivo/connector-sdk/testing';
import { describe, expect, it } from 'vitest';
import {
  enrollment,
  many,
  rosterClass,
  school,
  smallDistrict,
  student,
} from './__fixtures__/roster-records.js';
import { createSyncHarness, withDelta } from './sync-test-helpers.js';

/** Thresholds high enough that these tests see deactivations applied, not held. */
const noHold = { maxDeactivatePercent: 100 };

describe('soft delete', () => {
  it('deactivates rows missing from a complete read, and reactivates them when they come back', async () => {
    const { sync, activeMap, store } = createSyncHarness();
    const orgs = many(4, (index) => school(`s${index}`));
    await sync({ records: { orgs } });
    const second = await sync({ records: { orgs: orgs.slice(0, 3) } }, { thresholds: noHold });
    expect(second.status).toBe('SUCCESS');
    expect(second.stats.schools).toMatchObject({ deactivated: 1, unchanged: 3 });
    expect(activeMap('orgs')).toEqual({ s0: true, s1: true, s2: true, s3: false });
    expect(store.snapshot().find((row) => row.sourcedId === 's3')?.deactivatedByRunId).toBe('run-2');
    const third = await sync({ records: { orgs } }, { thresholds: noHold });
    expect(third.stats.schools).toMatchObject({ reactivated: 1, unchanged: 3, deactivated: 0 });
    expect(activeMap('orgs')).toEqual({ s0: true, s1: true, s2: true, s3: true });
  });

  it('leaves every row of an entity untouched when its read throws, and says so (PARTIAL)', async () => {
    const { sync, activeMap } = createSyncHarness();
    const district = smallDistrict();
    await sync({ records: district });
    const result = await sync(
      {
        records: { ...district, users: district.users.slice(0, 4) },
        failures: [{ entity: 'users', afterRecords: 4, error: new Error('HTTP 502 from the SIS') }],
      },
      { thresholds: noHold },
    );
    expect(result.status).toBe('PARTIAL');
    expect(result.incompleteEntities).toEqual(['users']);
    expect(result.errorMessage).toContain('Reading users failed: HTTP 502 from the SIS');
    expect(result.issues.sample).toMatchObject([{ code: 'read_failed', entity: 'users' }]);
    expect(result.stats.users.deactivated).toBe(0);
    expect(Object.values(activeMap('users')).every(Boolean)).toBe(true);
  });

  it('deactivates nothing in later entities once a read failed, even ones read completely', async () => {
    const { sync, activeIds } = createSyncHarness();
    const district = smallDistrict();
    await sync({ records: district });
    const result = await sync(
      {
        records: { ...district, enrollments: district.enrollments.slice(0, 2) },
        failures: [{ entity: 'classes', afterRecords: 0 }],
      },
      { thresholds: noHold },
    );
    expect(result.status).toBe('PARTIAL');
    expect(result.stats.enrollments).toMatchObject({ deactivated: 0, unchanged: 2 });
    expect(activeIds('enrollments')).toHaveLength(10);
    expect(result.errorMessage).toContain('No deactivations after classes failed');
  });

  it('is a FAILURE when no entity could be read', async () => {
    const { sync } = createSyncHarness();
    const result = await sync({
      records: {},
      failures: ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'].map((entity) => ({
        entity: entity as 'orgs',
        afterRecords: 0,
        error: new Error('401 Unauthorized'),
      })),
    });
    expect(result.status).toBe('FAILURE');
    expect(result.incompleteEntities).toHaveLength(6);
  });

  it('treats a tobedeleted record in a full read as absent', async () => {
    const { sync, activeMap } = createSyncHarness();
    await sync({ records: { orgs: [school('s1'), school('s2')] } });
    const result = await sync(
      { records: { orgs: [school('s1'), school('s2', { status: 'tobedeleted' })] } },
      { thresholds: noHold },
    );
    expect(result.stats.schools).toMatchObject({ deactivated: 1, unchanged: 1 });
    expect(activeMap('orgs')).toEqual({ s1: true, s2: false });
  });

  it('deactivates the enrollments of a deactivated class or user', async () => {
    const { sync, activeMap } = createSyncHarness();
    const district = smallDistrict({ classes: 2, studentsPerClass: 2 });
    await sync({ records: district });
    const result = await sync(
      {
        records: {
          ...district,
          classes: district.classes.filter((entry) => entry.sourcedId !== 'c1'),
          users: district.users.filter((user) => user.sourcedId !== 'u0'),
          enrollments: district.enrollments,
        },
      },
      { thresholds: noHold },
    );
    expect(result.stats.classes.deactivated).toBe(1);
    expect(result.stats.users.deactivated).toBe(1);
    // e0 (u0's) and e2, e3 (in c1) were cascaded; the source still lists them, but their class or user is gone.
    expect(activeMap('enrollments')).toEqual({ e0: false, e1: true, e2: false, e3: false });
    expect(result.stats.enrollments.deactivated).toBe(3);
    expect(result.stats.enrollments).toMatchObject({ skipped: 3, unchanged: 1 });
    expect(result.issues.byCode.unknown_reference).toBe(3);
  });

  it('brings a returning user and their enrollments back', async () => {
    const { sync, activeMap } = createSyncHarness();
    const district = smallDistrict({ classes: 1, studentsPerClass: 3 });
    await sync({ records: district });
    const withoutU1 = {
      ...district,
      users: district.users.filter((user) => user.sourcedId !== 'u1'),
      enrollments: district.enrollments.filter((entry) => entry.userSourcedId !== 'u1'),
    };
    await sync({ records: withoutU1 }, { thresholds: noHold });
    expect(activeMap('enrollments')).toEqual({ e0: true, e1: false, e2: true });
    const back = await sync({ records: district }, { thresholds: noHold });
    expect(back.stats.users).toMatchObject({ reactivated: 1, created: 0 });
    expect(back.stats.enrollments).toMatchObject({ reactivated: 1, created: 0 });
    expect(activeMap('users')).toEqual({ u0: true, u1: true, u2: true });
    expect(activeMap('enrollments')).toEqual({ e0: true, e1: true, e2: true });
  });

  it('in delta mode deactivates only tobedeleted records, never absent ones', async () => {
    const { sync, activeMap } = createSyncHarness();
    await sync({ records: { orgs: many(5, (index) => school(`s${index}`)) } });
    const delta = withDelta(
      createStaticConnector({
        records: { orgs: [school('s1', { name: 'Renamed' }), school('s2', { status: 'tobedeleted' })] },
      }),
    );
    const result = await sync(delta, { mode: 'delta', since: new Date('2025-01-01'), thresholds: noHold });
    expect(result.status).toBe('SUCCESS');
    expect(result.stats.schools).toMatchObject({ updated: 1, deactivated: 1 });
    expect(activeMap('orgs')).toEqual({ s0: true, s1: true, s2: false, s3: true, s4: true });
  });

  it('passes since to the connector in delta mode only', async () => {
    const seen: unknown[] = [];
    const base = withDelta(createStaticConnector({ records: {} }));
    const connector = {
      ...base,
      orgs: (options?: ReadOptions) => {
        seen.push(options?.since);
        return base.orgs(options);
      },
    };
    const { sync } = createSyncHarness();
    await sync(connector, { mode: 'delta', since: 'cursor-7' });
    await sync(connector, { mode: 'full', since: 'cursor-7' });
    expect(seen).toEqual(['cursor-7', undefined]);
  });

  it('a second run over the same data changes nothing', async () => {
    const { sync, store, scope } = createSyncHarness();
    const district = smallDistrict();
    const first = await sync({ records: district });
    expect(first.stats.enrollments.created).toBe(10);
    const before = store.snapshot();
    const second = await sync({ records: district });
    for (const entityStats of Object.values(second.stats)) {
      expect(entityStats).toMatchObject({ created: 0, updated: 0, deactivated: 0, reactivated: 0 });
    }
    expect(second.stats.users.unchanged).toBe(10);
    expect(store.snapshot()).toEqual(before);
    const changes = [];
    for await (const change of store.listChanges({ ...scope, runId: 'run-2' })) changes.push(change);
    expect(changes).toEqual([]);
  });

  it('ignores raw payload and dateLastModified when diffing', async () => {
    const { sync } = createSyncHarness();
    await sync({ records: { orgs: [school('s1', { raw: { a: 1 }, dateLastModified: '2025-01-01' })] } });
    const same = await sync({
      records: { orgs: [school('s1', { raw: { a: 2 }, dateLastModified: '2025-02-01' })] },
    });
    expect(same.stats.schools).toMatchObject({ unchanged: 1, updated: 0 });
    const changed = await sync({ records: { orgs: [school('s1', { name: 'New name' })] } });
    expect(changed.stats.schools).toMatchObject({ unchanged: 0, updated: 1 });
  });

  it('keeps an enrollment whose user was never synced out, as an issue', async () => {
    const { sync, activeIds } = createSyncHarness();
    const result = await sync({
      records: {
        orgs: [school('s1')],
        classes: [rosterClass('c1', 's1')],
        users: [student('u1')],
        enrollments: [enrollment('e1', 'c1', 'u1'), enrollment('e2', 'c1', 'ghost')],
      },
    });
    expect(activeIds('enrollments')).toEqual(['e1']);
    expect(result.issues.sample).toMatchObject([
      { code: 'unknown_reference', sourcedId: 'e2', message: expect.stringContaining('user ghost') },
    ]);
  });
});
