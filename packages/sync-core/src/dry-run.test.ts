import { rosterEntities } from '@aivo/connector-sdk';
import type { StaticConnectorSettings } from '@aivo/connector-sdk/testing';
import { createDistrict } from '@aivo/sis-simulator';
import { describe, expect, it } from 'vitest';
import { many, school, smallDistrict, student } from './__fixtures__/roster-records.js';
import { createMemoryRosterStore, type MemoryRosterStore } from './memory-roster-store.js';
import { createSyncHarness } from './sync-test-helpers.js';

/** The memory store without `withRollback`: dry runs then only read and count. */
function readOnlyDryRunStore(): MemoryRosterStore {
  const store = createMemoryRosterStore();
  return { ...store, withRollback: undefined };
}

describe.each([
  ['inside withRollback', () => createSyncHarness()],
  ['without withRollback', () => createSyncHarness(readOnlyDryRunStore())],
])('dry run %s', (_, createHarness) => {
  it('computes the same stats as a real run without writing a row, change or issue', async () => {
    const district = smallDistrict();
    const changed = {
      ...district,
      orgs: [school('s1', { name: 'Renamed' })],
      users: [...district.users.slice(1), student('u-new', { email: 'new@school.org' })],
      enrollments: district.enrollments.slice(1),
    };
    const dry = createHarness();
    const real = createHarness();
    await dry.sync({ records: district });
    await real.sync({ records: district });
    const before = dry.store.snapshot();
    const options = { thresholds: { maxDeactivatePercent: 100 } };
    const planned = await dry.sync({ records: changed }, { ...options, dryRun: true });
    const applied = await real.sync({ records: changed }, options);
    expect(dry.store.snapshot()).toEqual(before);
    expect(planned.stats).toEqual(applied.stats);
    expect(planned.stats.users).toMatchObject({ created: 1, deactivated: 1 });
    expect(planned.plannedChanges?.schools).toEqual([{ action: 'update', sourcedId: 's1' }]);
    expect(planned.plannedChanges?.users).toEqual([
      { action: 'create', sourcedId: 'u-new' },
      { action: 'deactivate', sourcedId: 'u0' },
    ]);
    expect(applied.plannedChanges).toBeUndefined();
    const changes = [];
    for await (const change of dry.store.listChanges({ ...dry.scope, runId: 'run-2' })) changes.push(change);
    expect(changes).toEqual([]);
  });

  it('sees what it would create: enrollments in classes new in this run are not broken references', async () => {
    const { sync, store } = createHarness();
    const result = await sync({ records: smallDistrict() }, { dryRun: true });
    expect(result.status).toBe('SUCCESS');
    expect(result.stats.enrollments).toMatchObject({ created: 10, skipped: 0 });
    expect(result.issues.total).toBe(0);
    expect(store.snapshot()).toEqual([]);
  });

  it('reports would-be holds without storing a held set', async () => {
    const { sync, store, scope } = createHarness();
    const orgs = many(10, (index) => school(`s${index}`));
    await sync({ records: { orgs } });
    const result = await sync({ records: { orgs: orgs.slice(5) } }, { dryRun: true });
    expect(result.status).toBe('PARTIAL');
    expect(result.held).toMatchObject([{ entity: 'orgs', count: 5 }]);
    expect(result.held?.[0]?.heldId).toBeUndefined();
    expect(await store.listHeldSets(scope)).toEqual([]);
  });
});

describe('exact dry run (store with withRollback)', () => {
  it('matches a real run on a generated next day with default thresholds, enrollment cascades included', async () => {
    const day1 = createDistrict({ seed: 11, size: 'tiny' });
    const day2 = day1.nextDay();
    const recordsOf = (district: typeof day1) =>
      Object.fromEntries(
        rosterEntities.map((entity) => [entity, district.records(entity)]),
      ) as StaticConnectorSettings['records'];
    const dry = createSyncHarness();
    const real = createSyncHarness();
    await dry.sync({ records: recordsOf(day1) });
    await real.sync({ records: recordsOf(day1) });
    const before = dry.store.snapshot();
    const planned = await dry.sync({ records: recordsOf(day2) }, { dryRun: true });
    const applied = await real.sync({ records: recordsOf(day2) });
    expect(planned.stats).toEqual(applied.stats);
    expect(planned.status).toBe(applied.status);
    expect(planned.stats.enrollments.deactivated).toBeGreaterThan(0);
    expect(dry.store.snapshot()).toEqual(before);
    expect(await dry.store.listHeldSets(dry.scope)).toEqual([]);
  });
});
