import type { RosterConnectorV1 } from '@aivo/connector-sdk';
import { createStaticConnector } from '@aivo/connector-sdk/testing';
import { describe, expect, it } from 'vitest';
import { enrollment, many, school, smallDistrict } from './__fixtures__/roster-records.js';
import type { SyncBatch } from './sync-options.js';
import { createSyncHarness } from './sync-test-helpers.js';

function summarize(batch: SyncBatch) {
  return {
    entity: batch.entity,
    ids: batch.records.map((record) => record.sourcedId),
    applied: batch.applied,
    issues: batch.issues.map((issue) => `${issue.code} ${issue.sourcedId ?? ''}`.trim()),
  };
}

describe('onBatch', () => {
  it('hands over every batch once, in read order, after it was reconciled, with the issues stored with it', async () => {
    const { sync } = createSyncHarness();
    const district = smallDistrict({ classes: 1, studentsPerClass: 2 });
    const batches: SyncBatch[] = [];
    const result = await sync(
      {
        records: {
          ...district,
          orgs: many(3, (index) => school(`s${index}`)),
          enrollments: [...district.enrollments, enrollment('e-orphan', 'no-such-class', 'no-such-user')],
        },
      },
      { batchSize: 2, onBatch: (batch) => void batches.push(batch) },
    );
    expect(result.status).toBe('SUCCESS');
    const orgs = batches.filter((batch) => batch.entity === 'orgs').map(summarize);
    expect(orgs).toEqual([
      { entity: 'orgs', ids: ['s0', 's1'], applied: true, issues: [] },
      { entity: 'orgs', ids: ['s2'], applied: true, issues: [] },
    ]);
    const handed = batches.flatMap((batch) => batch.records.map((record) => record.sourcedId));
    expect(handed).toHaveLength(
      Object.values(district).reduce((sum, records) => sum + records.length, 0) -
        district.orgs.length +
        3 +
        1,
    );
    const orphan = batches.find((batch) => batch.records.some((record) => record.sourcedId === 'e-orphan'));
    expect(orphan?.issues.map((issue) => issue.sourcedId)).toContain('e-orphan');
  });

  it('a cancelled run hands over the batch it dropped as not applied', async () => {
    const { sync } = createSyncHarness();
    const controller = new AbortController();
    const connector: RosterConnectorV1 = {
      ...createStaticConnector({ records: {} }),
      async *orgs() {
        for (let index = 0; index < 4; index += 1) {
          if (index === 3) controller.abort();
          yield school(`n${index}`);
        }
      },
    };
    const batches: SyncBatch[] = [];
    const result = await sync(connector, {
      signal: controller.signal,
      batchSize: 2,
      onBatch: (batch) => void batches.push(batch),
    });
    expect(result.status).toBe('CANCELLED');
    expect(batches.map(summarize)).toEqual([
      { entity: 'orgs', ids: ['n0', 'n1'], applied: true, issues: [] },
      { entity: 'orgs', ids: ['n2', 'n3'], applied: false, issues: [] },
    ]);
  });

  it('a failing onBatch stops the run like a store failure: FAILURE and nothing deactivated', async () => {
    const { sync, activeIds } = createSyncHarness();
    const district = smallDistrict();
    await sync({ records: district });
    const before = activeIds('users');
    const result = await sync(
      { records: { ...district, users: district.users.slice(0, 1) } },
      {
        onBatch: (batch) => {
          if (batch.entity === 'users') throw new Error('staging table is full');
        },
      },
    );
    expect(result.status).toBe('FAILURE');
    expect(result.errorMessage).toContain('staging table is full');
    expect(activeIds('users')).toEqual(before);
  });
});
