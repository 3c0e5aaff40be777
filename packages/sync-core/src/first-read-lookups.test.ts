import type { RosterEntity } from '@aivo/connector-sdk';
import { createStaticConnector } from '@aivo/connector-sdk/testing';
import { describe, expect, it } from 'vitest';
import { school, student } from './__fixtures__/roster-records.js';
import { createMemoryRosterStore } from './memory-roster-store.js';
import { createSyncHarness, withDelta } from './sync-test-helpers.js';

/** A memory store that counts its existing-row lookups per entity. */
function countingStore() {
  const store = createMemoryRosterStore();
  const lookups = new Map<RosterEntity, number>();
  const findRows = store.findRows.bind(store);
  store.findRows = async (input) => {
    lookups.set(input.entity, (lookups.get(input.entity) ?? 0) + 1);
    return findRows(input);
  };
  return { store, lookups };
}

describe("a provider's first read of an entity", () => {
  it('skips existing-row lookups while the provider has no row of the entity, and looks them up once it has', async () => {
    const { store, lookups } = countingStore();
    const { sync } = createSyncHarness(store);
    const orgs = [school('s1'), school('s2'), school('s3')];
    const first = await sync({ records: { orgs } }, { batchSize: 2 });
    expect(first.stats.schools).toMatchObject({ created: 3 });
    expect(lookups.get('orgs')).toBeUndefined();

    const second = await sync({ records: { orgs } }, { batchSize: 2 });
    expect(second.stats.schools).toMatchObject({ created: 0, unchanged: 3 });
    expect(lookups.get('orgs')).toBe(2);
  });

  it('still looks rows up when every row of the entity is inactive', async () => {
    const { store, lookups } = countingStore();
    const { sync } = createSyncHarness(store);
    await sync({ records: { orgs: [school('s1')] } });
    const removal = withDelta(
      createStaticConnector({ records: { orgs: [school('s1', { status: 'tobedeleted' })] } }),
    );
    const removed = await sync(removal, {
      mode: 'delta',
      since: new Date('2025-01-01'),
      thresholds: { maxDeactivatePercent: 100 },
    });
    expect(removed.stats.schools).toMatchObject({ deactivated: 1 });
    const back = await sync({ records: { orgs: [school('s1')] } });
    expect(back.stats.schools).toMatchObject({ created: 0, reactivated: 1 });
    expect(lookups.get('orgs')).toBe(1);
  });

  it('reports a user read twice across batches as a duplicate, keeping the first, as later reads do', async () => {
    const { store } = countingStore();
    const { sync, activeIds } = createSyncHarness(store);
    const users = [
      student('u1', { email: 'ann@example.org', givenName: 'First' }),
      student('u2', { email: 'bob@example.org' }),
      student('u1', { email: 'ann@example.org', givenName: 'Second' }),
    ];
    const result = await sync({ records: { orgs: [school('s1')], users } }, { batchSize: 2 });
    expect(result.stats.users).toMatchObject({ created: 2, skipped: 1 });
    expect(result.issues.byCode).toEqual({ duplicate_sourced_id: 1 });
    expect(activeIds('users')).toEqual(['u1', 'u2']);
    const [link] = await store.findRows({
      tenantId: 'tenant-1',
      providerId: 'provider-1',
      entity: 'users',
      sourcedIds: ['u1'],
    });
    const { contentHash } = await import('./content-hash.js');
    expect(link?.contentHash).toBe(contentHash(users[0]!));
  });
});
