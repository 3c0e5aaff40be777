import type { RosterConnectorV1 } from '@aivo/connector-sdk';
import { createStaticConnector } from '@aivo/connector-sdk/testing';
import { describe, expect, it } from 'vitest';
import { many, school, smallDistrict } from './__fixtures__/roster-records.js';
import { createSyncHarness } from './sync-test-helpers.js';

describe('cancellation', () => {
  it('stops between batches: applied batches stay, nothing is deactivated, status CANCELLED', async () => {
    const { sync, activeIds, store, scope } = createSyncHarness();
    const orgs = many(10, (index) => school(`s${index}`));
    await sync({ records: { orgs } });
    const controller = new AbortController();
    const connector: RosterConnectorV1 = {
      ...createStaticConnector({ records: {} }),
      async *orgs(options) {
        for (const [index, org] of [school('n0'), school('n1'), school('n2'), school('n3')].entries()) {
          options?.signal?.throwIfAborted();
          if (index === 3) controller.abort();
          yield org;
        }
      },
    };
    const result = await sync(connector, { signal: controller.signal, batchSize: 2 });
    expect(result.status).toBe('CANCELLED');
    expect(result.incompleteEntities).toEqual([
      'orgs',
      'academicSessions',
      'courses',
      'classes',
      'users',
      'enrollments',
    ]);
    expect(result.stats.schools).toMatchObject({ created: 2, deactivated: 0 });
    // The first batch (n0, n1) was applied; the batch in flight (n2, n3) was not; no old school was removed.
    expect(activeIds('orgs')).toEqual([...orgs.map((org) => org.sourcedId), 'n0', 'n1'].sort());
    expect(await store.listHeldSets(scope)).toEqual([]);
  });

  it('does not start reading when the signal is already aborted', async () => {
    const { sync, store } = createSyncHarness();
    const result = await sync({ records: smallDistrict() }, { signal: AbortSignal.abort() });
    expect(result.status).toBe('CANCELLED');
    expect(store.snapshot()).toEqual([]);
  });

  it('treats an abort inside the connector as cancellation, not as a failed read', async () => {
    const { sync } = createSyncHarness();
    const controller = new AbortController();
    const district = smallDistrict();
    const base = createStaticConnector({ records: district });
    const connector: RosterConnectorV1 = {
      ...base,
      users: (options) => {
        controller.abort();
        return base.users(options);
      },
    };
    const result = await sync(connector, { signal: controller.signal });
    expect(result.status).toBe('CANCELLED');
    expect(result.incompleteEntities).toEqual(['users', 'enrollments']);
    expect(result.issues.byCode.read_failed).toBeUndefined();
    expect(result.stats.classes.created).toBe(2);
  });
});
