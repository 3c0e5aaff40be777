import { describe, expect, it } from 'vitest';
import { enrollment, many, rosterClass, school, student } from './__fixtures__/roster-records.js';
import { createSyncHarness } from './sync-test-helpers.js';

describe('referential integrity and duplicates', () => {
  it('skips a class at an unknown school with an issue naming the record; the rest applies', async () => {
    const { sync, activeIds } = createSyncHarness();
    const result = await sync({
      records: { orgs: [school('s1')], classes: [rosterClass('c1', 's1'), rosterClass('c2', 'nowhere')] },
    });
    expect(result.status).toBe('SUCCESS');
    expect(activeIds('classes')).toEqual(['c1']);
    expect(result.stats.classes).toMatchObject({ created: 1, skipped: 1, issues: 1 });
    expect(result.issues.sample).toMatchObject([
      {
        entity: 'classes',
        code: 'unknown_reference',
        sourcedId: 'c2',
        details: [{ path: 'schoolSourcedId' }],
      },
    ]);
  });

  it('skips enrollments pointing at an unknown class or user', async () => {
    const { sync, activeIds } = createSyncHarness();
    const result = await sync({
      records: {
        orgs: [school('s1')],
        classes: [rosterClass('c1', 's1')],
        users: [student('u1')],
        enrollments: [
          enrollment('e1', 'c1', 'u1'),
          enrollment('e2', 'c9', 'u1'),
          enrollment('e3', 'c1', 'u9'),
        ],
      },
    });
    expect(activeIds('enrollments')).toEqual(['e1']);
    expect(result.issues.sample.map((issue) => [issue.sourcedId, issue.code])).toEqual([
      ['e2', 'unknown_reference'],
      ['e3', 'unknown_reference'],
    ]);
  });

  it('reports duplicate sourcedIds within a batch and across batches; the first occurrence wins', async () => {
    const { sync, store, scope } = createSyncHarness();
    const result = await sync(
      {
        records: {
          orgs: [
            school('s1', { name: 'First' }),
            school('s1', { name: 'Second' }),
            school('s2'),
            school('s3'),
            school('s1', { name: 'Third' }),
          ],
        },
      },
      { batchSize: 3 },
    );
    expect(result.stats.schools).toMatchObject({ created: 3, updated: 0, skipped: 2 });
    expect(result.issues.byCode).toEqual({ duplicate_sourced_id: 2 });
    const [row] = await store.findRows({ ...scope, entity: 'orgs', sourcedIds: ['s1'] });
    expect(row?.contentHash).toBe(
      (await import('./content-hash.js')).contentHash(school('s1', { name: 'First' })),
    );
  });

  it('a duplicate does not turn the second run into an update', async () => {
    const { sync } = createSyncHarness();
    const orgs = [school('s1', { name: 'First' }), school('s2'), school('s1', { name: 'Other' })];
    await sync({ records: { orgs } }, { batchSize: 2 });
    const again = await sync({ records: { orgs } }, { batchSize: 2 });
    expect(again.stats.schools).toMatchObject({ created: 0, updated: 0, unchanged: 2, skipped: 1 });
  });

  it('keeps an existing row active when its new version is skipped for a broken reference', async () => {
    const { sync, activeIds } = createSyncHarness();
    await sync({
      records: { orgs: [school('s1')], classes: many(20, (index) => rosterClass(`c${index}`, 's1')) },
    });
    const result = await sync({
      records: {
        orgs: [school('s1')],
        classes: many(20, (index) => rosterClass(`c${index}`, index === 0 ? 'moved' : 's1')),
      },
    });
    expect(result.stats.classes).toMatchObject({ skipped: 1, deactivated: 0, unchanged: 19 });
    expect(activeIds('classes')).toHaveLength(20);
  });
});
