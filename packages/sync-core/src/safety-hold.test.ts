import { createStaticConnector } from '@aivo/connector-sdk/testing';
import { describe, expect, it } from 'vitest';
import { many, rosterClass, school, smallDistrict } from './__fixtures__/roster-records.js';
import { approveHeld, discardHeld } from './held-deactivations.js';
import { decideSafetyHold } from './safety-hold.js';
import { createSyncHarness, withDelta } from './sync-test-helpers.js';

const tenSchools = many(10, (index) => school(`s${index}`));

describe('safety holds', () => {
  it('applies deactivations up to the threshold (1 of 10 is 10%)', async () => {
    const { sync } = createSyncHarness();
    await sync({ records: { orgs: tenSchools } });
    const result = await sync({ records: { orgs: tenSchools.slice(1) } });
    expect(result.status).toBe('SUCCESS');
    expect(result.stats.schools).toMatchObject({ deactivated: 1, held: 0 });
  });

  it('holds deactivations above the threshold; everything else still applies and the run is PARTIAL', async () => {
    const { sync, activeIds, store, scope } = createSyncHarness();
    await sync({ records: { orgs: tenSchools } });
    const result = await sync({
      records: { orgs: [...tenSchools.slice(2), school('s-new'), school('s2', { name: 'Renamed' })] },
    });
    expect(result.status).toBe('PARTIAL');
    expect(result.stats.schools).toMatchObject({ created: 1, deactivated: 0, held: 2 });
    expect(result.held).toEqual([
      {
        entity: 'orgs',
        heldId: expect.any(String),
        count: 2,
        activeBefore: 10,
        reason: expect.stringContaining('Deactivating 2 of 10 active orgs (20.0%) exceeds the 10% threshold'),
        sample: ['s0', 's1'],
      },
    ]);
    expect(result.errorMessage).toContain('held for review: orgs (2)');
    expect(activeIds('orgs')).toHaveLength(11);
    expect(await store.listHeldSets({ ...scope, status: 'pending' })).toHaveLength(1);
  });

  it('holds everything when the source returns no records for an entity that had rows', async () => {
    const { sync, activeIds } = createSyncHarness();
    await sync({ records: { orgs: tenSchools } });
    const result = await sync({ records: { orgs: [] } }, { thresholds: { maxDeactivatePercent: 100 } });
    expect(result.status).toBe('PARTIAL');
    expect(result.held?.[0]).toMatchObject({
      entity: 'orgs',
      count: 10,
      reason: expect.stringContaining('no orgs records'),
    });
    expect(activeIds('orgs')).toHaveLength(10);
  });

  it('uses per-entity thresholds', async () => {
    const { sync } = createSyncHarness();
    await sync({ records: { orgs: tenSchools } });
    const result = await sync(
      { records: { orgs: tenSchools.slice(5) } },
      { thresholds: { maxDeactivatePercent: 10, maxDeactivatePercentByEntity: { orgs: 50 } } },
    );
    expect(result.stats.schools).toMatchObject({ deactivated: 5, held: 0 });
  });

  it("holds enrollment deactivations while their classes' deactivations are held, and approves them together", async () => {
    const { sync, activeIds, store, scope } = createSyncHarness();
    const district = smallDistrict({ classes: 20, studentsPerClass: 2 });
    await sync({ records: district });
    const dropped = new Set(['c0', 'c1', 'c2']);
    const result = await sync({
      records: {
        ...district,
        classes: district.classes.filter((entry) => !dropped.has(entry.sourcedId)),
        enrollments: district.enrollments.filter((entry) => !dropped.has(entry.classSourcedId)),
      },
    });
    // 3 of 20 classes (15%) is held; their 6 of 40 enrollments (15%) would be too, but even under the
    // threshold they wait with their classes.
    expect(result.held?.map((entry) => [entry.entity, entry.count])).toEqual([
      ['classes', 3],
      ['enrollments', 6],
    ]);
    expect(result.held?.[1]?.reason).toContain("held with this run's held classes deactivations");
    expect(activeIds('enrollments')).toHaveLength(40);
    const approved = await approveHeld({ store, ...scope, runId: 'run-2' });
    expect(approved).toMatchObject({ deactivated: 9, cascadedEnrollments: 0, skipped: 0 });
    expect(approved.heldSets.map((set) => set.entity)).toEqual(['enrollments', 'classes']);
    expect(activeIds('classes')).toHaveLength(17);
    expect(activeIds('enrollments')).toHaveLength(34);
  });

  it('approveHeld applies exactly the held rows still active and unseen, with enrollment cascade', async () => {
    const { sync, activeIds, store, scope } = createSyncHarness();
    const district = smallDistrict({ classes: 5, studentsPerClass: 1 });
    await sync({ records: district });
    const withoutThree = { ...district, classes: district.classes.slice(0, 2) };
    const held = await sync({ records: withoutThree });
    expect(held.held).toMatchObject([{ entity: 'classes', count: 3, sample: ['c2', 'c3', 'c4'] }]);
    expect(activeIds('classes')).toHaveLength(5);
    // A later run sees c2 again (its hold is re-evaluated: 2 of 5 is still above 10%, so held again).
    const later = await sync({ records: { ...district, classes: district.classes.slice(0, 3) } });
    expect(later.held?.[0]).toMatchObject({ entity: 'classes', count: 2 });
    const superseded = await approveHeld({ store, ...scope, heldId: held.held![0]!.heldId! });
    expect(superseded).toMatchObject({ deactivated: 0, heldSets: [{ status: 'superseded' }] });

    const approved = await approveHeld({ store, ...scope, runId: 'run-3' });
    expect(approved).toMatchObject({ deactivated: 2, cascadedEnrollments: 2, skipped: 0 });
    expect(activeIds('classes')).toEqual(['c0', 'c1', 'c2']);
    expect(activeIds('enrollments')).toEqual(['e0', 'e1', 'e2']);
  });

  it('approve skips held rows that a later (failed) read saw again', async () => {
    const { sync, activeIds, store, scope } = createSyncHarness();
    await sync({ records: { orgs: tenSchools } });
    const held = await sync({ records: { orgs: tenSchools.slice(3) } });
    const heldId = held.held![0]!.heldId!;
    // The next read fails after s0 and s1 came back: they leave the held set; nothing is deactivated.
    await sync({ records: { orgs: tenSchools }, failures: [{ entity: 'orgs', afterRecords: 2 }] });
    expect(await store.listHeldSourcedIds({ ...scope, heldId, limit: 10 })).toEqual(['s2']);
    const approved = await approveHeld({ store, ...scope, heldId });
    expect(approved).toMatchObject({ deactivated: 1, skipped: 2 });
    expect(activeIds('orgs')).toHaveLength(9);
  });

  it('discardHeld drops the held set and keeps the rows active', async () => {
    const { sync, activeIds, store, scope } = createSyncHarness();
    await sync({ records: { orgs: tenSchools } });
    await sync({ records: { orgs: [] } });
    const discarded = await discardHeld({ store, ...scope, runId: 'run-2' });
    expect(discarded).toMatchObject([{ status: 'discarded', count: 10 }]);
    expect(await approveHeld({ store, ...scope, heldId: discarded[0]!.heldId })).toMatchObject({
      deactivated: 0,
    });
    expect(activeIds('orgs')).toHaveLength(10);
  });

  it('holds delta deletions above the threshold too, but an empty delta holds nothing', async () => {
    const { sync, activeIds } = createSyncHarness();
    const classes = many(4, (index) => rosterClass(`c${index}`, 's1'));
    await sync({ records: { orgs: [school('s1')], classes } });
    const deletions = withDelta(
      createStaticConnector({
        records: {
          classes: [
            rosterClass('c0', 's1', { status: 'tobedeleted' }),
            rosterClass('c1', 's1', { status: 'tobedeleted' }),
          ],
        },
      }),
    );
    const result = await sync(deletions, { mode: 'delta', since: new Date('2025-01-01') });
    expect(result.held).toMatchObject([{ entity: 'classes', count: 2, activeBefore: 4 }]);
    expect(activeIds('classes')).toHaveLength(4);
    const empty = await sync(withDelta(createStaticConnector({ records: {} })), {
      mode: 'delta',
      since: new Date('2025-01-02'),
    });
    expect(empty.status).toBe('SUCCESS');
    expect(
      decideSafetyHold({ entity: 'classes', candidates: 0, activeBefore: 4, recordsRead: 0, mode: 'full' }),
    ).toEqual({
      hold: false,
    });
  });
});
