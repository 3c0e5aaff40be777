import { type RosterEntity, type RosterRecordByEntity, rosterEntities } from '@aivo/connector-sdk';
import { createStaticConnector, type StaticConnectorSettings } from '@aivo/connector-sdk/testing';
import { createDistrict, type SimulatedDistrict } from '@aivo/sis-simulator';
import { describe, expect, it } from 'vitest';
import type { MemoryRowSnapshot } from './memory-roster-store.js';
import { statsKeyByEntity } from './sync-stats.js';
import { createSyncHarness, withDelta } from './sync-test-helpers.js';

/** Generated days legitimately drop more than 10% of a tiny district's enrollments; these tests check counts. */
const noHold = { maxDeactivatePercent: 100 };

type Records = StaticConnectorSettings['records'];

/** The district's records as lazy iterables: nothing is collected. */
function recordsOf(district: SimulatedDistrict): Records {
  return Object.fromEntries(rosterEntities.map((entity) => [entity, district.records(entity)])) as Records;
}

/** A small deterministic PRNG (mulberry32), so every failure is reproducible from its seed. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return { next, integer: (limit: number) => Math.floor(next() * limit) };
}

function shuffled<Item>(items: Iterable<Item>, random: ReturnType<typeof createRandom>): Item[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = random.integer(index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** Rows without the generated platform user ids, which depend on creation order. */
function comparable(rows: MemoryRowSnapshot[]) {
  return rows.map(({ userId, ...row }) => ({ ...row, linked: userId !== undefined }));
}

function activeKeys(rows: MemoryRowSnapshot[]): Set<string> {
  return new Set(rows.filter((row) => row.active).map((row) => `${row.entity}/${row.sourcedId}`));
}

function recordCount(district: SimulatedDistrict, entity: RosterEntity): number {
  return district.groundTruth().records[entity];
}

describe('generated districts', () => {
  it.each([
    ['tiny', 11],
    ['tiny', 12],
    ['small', 13],
  ] as const)(
    '%s district seed %i: day 1, day 2, day 2 again give exactly the generator’s changes, then zeros',
    async (size, seed) => {
      const day1 = createDistrict({ seed, size });
      const day2 = day1.nextDay();
      const changes = day2.changesSince(day1);
      const { sync } = createSyncHarness();

      const first = await sync({ records: recordsOf(day1) }, { thresholds: noHold });
      expect(first.status).toBe('SUCCESS');
      expect(first.issues.total).toBe(0);
      for (const entity of rosterEntities) {
        expect(first.stats[statsKeyByEntity[entity]], entity).toMatchObject({
          created: recordCount(day1, entity),
          updated: 0,
          unchanged: 0,
          deactivated: 0,
        });
      }

      const second = await sync({ records: recordsOf(day2) }, { thresholds: noHold });
      expect(second.status).toBe('SUCCESS');
      let changed = 0;
      for (const entity of rosterEntities) {
        const expected = changes[entity].counts;
        changed += expected.created + expected.updated + expected.deleted;
        expect(second.stats[statsKeyByEntity[entity]], entity).toMatchObject({
          created: expected.created,
          updated: expected.updated,
          deactivated: expected.deleted,
          reactivated: 0,
          skipped: 0,
          unchanged: recordCount(day2, entity) - expected.created - expected.updated,
        });
      }
      expect(changed).toBeGreaterThan(0);

      const third = await sync({ records: recordsOf(day2) }, { thresholds: noHold });
      expect(third.status).toBe('SUCCESS');
      for (const entity of rosterEntities) {
        expect(third.stats[statsKeyByEntity[entity]], entity).toMatchObject({
          created: 0,
          updated: 0,
          deactivated: 0,
          reactivated: 0,
          unchanged: recordCount(day2, entity),
        });
      }
    },
    60_000,
  );

  it('a delta run of day 2 reaches the same roster as a full run of day 2', async () => {
    const day1 = createDistrict({ seed: 21, size: 'tiny' });
    const day2 = day1.nextDay().nextDay();
    const full = createSyncHarness();
    const delta = createSyncHarness();
    await full.sync({ records: recordsOf(day1) });
    await delta.sync({ records: recordsOf(day1) });
    await full.sync({ records: recordsOf(day2) }, { thresholds: noHold });
    const deltaConnector = withDelta(createStaticConnector({ records: day2.deltaRecords(day1) as Records }));
    const result = await delta.sync(deltaConnector, {
      mode: 'delta',
      since: day1.snapshotTime,
      thresholds: noHold,
    });
    expect(result.status).toBe('SUCCESS');
    const changes = day2.changesSince(day1);
    for (const entity of rosterEntities) {
      expect(result.stats[statsKeyByEntity[entity]].deactivated, entity).toBe(changes[entity].counts.deleted);
    }
    expect(comparable(delta.store.snapshot()).map(({ deactivatedByRunId, ...row }) => row)).toEqual(
      comparable(full.store.snapshot()).map(({ deactivatedByRunId, ...row }) => row),
    );
  });

  it('a failure injected at any point of any entity never deactivates a row it should not', async () => {
    const random = createRandom(2024);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const seed = 100 + attempt;
      const day1 = createDistrict({ seed, size: 'tiny' });
      const sameDay = attempt % 2 === 0;
      const next = sameDay ? day1 : day1.nextDay();
      const failedEntity = rosterEntities[random.integer(rosterEntities.length)]!;
      const afterRecords = random.integer(recordCount(next, failedEntity) + 1);
      const context = `seed ${seed}, ${sameDay ? 'same day' : 'day 2'}, ${failedEntity} after ${afterRecords}`;
      const { sync, store } = createSyncHarness();
      await sync({ records: recordsOf(day1) });
      const before = activeKeys(store.snapshot());
      const result = await sync(
        { records: recordsOf(next), failures: [{ entity: failedEntity, afterRecords }] },
        { thresholds: noHold, batchSize: 1 + random.integer(40) },
      );
      expect(result.status, context).toBe('PARTIAL');
      expect(result.incompleteEntities, context).toEqual([failedEntity]);
      const after = store.snapshot();
      const afterActive = activeKeys(after);
      const failedOrLater = new Set(rosterEntities.slice(rosterEntities.indexOf(failedEntity)));
      if (sameDay) {
        expect(
          [...before].filter((key) => !afterActive.has(key)),
          context,
        ).toEqual([]);
        continue;
      }
      for (const row of after) {
        if (row.active || !before.has(`${row.entity}/${row.sourcedId}`) || !failedOrLater.has(row.entity))
          continue;
        // The only allowed loss after the failure: enrollments whose class or user a complete read removed.
        const record = row.record as Partial<RosterRecordByEntity['enrollments']>;
        expect(row.entity, `${context}: ${row.entity}/${row.sourcedId}`).toBe('enrollments');
        const parentGone =
          !afterActive.has(`classes/${record.classSourcedId}`) ||
          !afterActive.has(`users/${record.userSourcedId}`);
        expect(parentGone, `${context}: ${row.sourcedId}`).toBe(true);
      }
    }
  }, 60_000);

  it('shuffled input order and other batch sizes give the same roster and stats', async () => {
    const random = createRandom(77);
    const day1 = createDistrict({ seed: 31, size: 'tiny' });
    const day2 = day1.nextDay();
    const ordered = createSyncHarness();
    const mixed = createSyncHarness();
    const shuffledRecords = (district: SimulatedDistrict) =>
      Object.fromEntries(
        rosterEntities.map((entity) => [entity, shuffled(district.records(entity), random)]),
      ) as Records;
    for (const district of [day1, day2]) {
      const expected = await ordered.sync({ records: recordsOf(district) }, { thresholds: noHold });
      const actual = await mixed.sync(
        { records: shuffledRecords(district) },
        { thresholds: noHold, batchSize: 1 + random.integer(30) },
      );
      expect(actual.stats).toEqual(expected.stats);
      expect(comparable(mixed.store.snapshot())).toEqual(comparable(ordered.store.snapshot()));
    }
  });
});
