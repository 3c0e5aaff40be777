import { describe, expect, it } from 'vitest';
import { student, teacher } from './__fixtures__/roster-records.js';
import { contentHash, toStoredRecord } from './content-hash.js';
import { createMemoryRosterStore } from './memory-roster-store.js';
import { createSyncHarness } from './sync-test-helpers.js';

/** A store where another provider (`provider-sis`) already created the given users. */
async function storeWithExistingUsers(users: ReturnType<typeof student>[]) {
  const store = createMemoryRosterStore();
  const other = createSyncHarness(store);
  other.scope.providerId = 'provider-sis';
  await other.sync({ records: { users } });
  return store;
}

describe('user matching', () => {
  it('links to an existing platform user by email, trimmed and case-insensitive', async () => {
    const store = await storeWithExistingUsers([student('sis-1', { email: 'ana.lee@school.org' })]);
    const { sync, scope } = createSyncHarness(store);
    const result = await sync({
      records: { users: [student('clever-1', { email: '  Ana.Lee@SCHOOL.org ' })] },
    });
    expect(result.stats.users).toMatchObject({ created: 1, matched: 1, skipped: 0 });
    const [link] = await store.findRows({ ...scope, entity: 'users', sourcedIds: ['clever-1'] });
    const [existing] = await store.findRows({
      ...scope,
      providerId: 'provider-sis',
      entity: 'users',
      sourcedIds: ['sis-1'],
    });
    expect(link?.userId).toBe(existing?.userId);
    const changes = [];
    for await (const change of store.listChanges({ ...scope, runId: 'run-1' })) changes.push(change);
    expect(changes).toMatchObject([{ action: 'created', sourcedId: 'clever-1', reason: 'email' }]);
  });

  it('falls back to the student number for students when no email matches', async () => {
    const store = await storeWithExistingUsers([student('sis-1', { identifier: '778' })]);
    const { sync, scope } = createSyncHarness(store);
    const result = await sync({
      records: { users: [student('clever-1', { identifier: '778', email: 'new@school.org' })] },
    });
    expect(result.stats.users).toMatchObject({ created: 1, matched: 1 });
    const [link] = await store.findRows({ ...scope, entity: 'users', sourcedIds: ['clever-1'] });
    const [existing] = await store.findRows({
      ...scope,
      providerId: 'provider-sis',
      entity: 'users',
      sourcedIds: ['sis-1'],
    });
    expect(link?.userId).toBe(existing?.userId);
  });

  it('never matches teachers by number: a teacher with a student number creates a new user', async () => {
    const store = await storeWithExistingUsers([student('sis-1', { identifier: '778' })]);
    const { sync } = createSyncHarness(store);
    const result = await sync({ records: { users: [teacher('clever-t', { identifier: '778' })] } });
    expect(result.stats.users).toMatchObject({ created: 1, matched: 0 });
  });

  it('creates a new platform user when nothing matches', async () => {
    const store = await storeWithExistingUsers([student('sis-1', { email: 'someone@school.org' })]);
    const { sync, scope } = createSyncHarness(store);
    await sync({ records: { users: [student('clever-1', { email: 'ana@school.org' })] } });
    const [link] = await store.findRows({ ...scope, entity: 'users', sourcedIds: ['clever-1'] });
    const [existing] = await store.findRows({
      ...scope,
      providerId: 'provider-sis',
      entity: 'users',
      sourcedIds: ['sis-1'],
    });
    expect(link?.userId).toEqual(expect.any(String));
    expect(link?.userId).not.toBe(existing?.userId);
  });

  it('with creation turned off, an unmatched user is an issue that says why', async () => {
    const { sync, store } = createSyncHarness();
    const result = await sync(
      {
        records: {
          users: [student('u1', { email: 'ana@school.org', identifier: '55' }), teacher('t1')],
        },
      },
      { createUnmatchedUsers: false },
    );
    expect(result.status).toBe('SUCCESS');
    expect(result.stats.users).toMatchObject({ created: 0, skipped: 2, issues: 2 });
    expect(result.issues.sample).toMatchObject([
      {
        code: 'user_unmatched',
        sourcedId: 'u1',
        message: expect.stringMatching(
          /no platform user has email ana@school\.org and no student has number 55/,
        ),
      },
      {
        code: 'user_unmatched',
        sourcedId: 't1',
        message: expect.stringContaining('the record has no email'),
      },
    ]);
    expect(store.snapshot()).toEqual([]);
  });

  it('never re-binds a user already linked to another sourcedId of the same provider', async () => {
    const { sync, store, scope } = createSyncHarness();
    await sync({ records: { users: [student('u1', { email: 'ana@school.org' })] } });
    // The source reissued Ana's id: u1 vanished, u9 carries her email.
    const result = await sync({ records: { users: [student('u9', { email: 'ana@school.org' })] } });
    expect(result.stats.users).toMatchObject({ created: 0, skipped: 1 });
    expect(result.issues.sample).toMatchObject([
      {
        code: 'user_link_conflict',
        sourcedId: 'u9',
        message: expect.stringContaining('already linked to u1'),
      },
    ]);
    expect(await store.findRows({ ...scope, entity: 'users', sourcedIds: ['u9'] })).toEqual([]);
  });

  it('lets only the first of two same-email records in one batch claim the person', async () => {
    const { sync } = createSyncHarness();
    const result = await sync({
      records: {
        users: [student('u1', { email: 'twin@school.org' }), student('u2', { email: 'TWIN@school.org' })],
      },
    });
    expect(result.stats.users).toMatchObject({ created: 1, skipped: 1 });
    expect(result.issues.sample).toMatchObject([{ code: 'user_link_conflict', sourcedId: 'u2' }]);
  });

  it('reports an ambiguous match instead of guessing', async () => {
    // Two platform users with one student number (e.g. created by hand), written straight to the store.
    const store = createMemoryRosterStore();
    const scope = { tenantId: 'tenant-1', providerId: 'provider-manual' };
    const creates = [student('m1', { identifier: '9' }), student('m2', { identifier: '9' })].map((user) => ({
      sourcedId: user.sourcedId,
      record: toStoredRecord(user),
      contentHash: contentHash(user),
    }));
    await store.applyBatch({
      ...scope,
      entity: 'users',
      runId: 'manual',
      creates,
      updates: [],
      reactivations: [],
    });
    const { sync } = createSyncHarness(store);
    const result = await sync({ records: { users: [student('clever-1', { identifier: '9' })] } });
    expect(result.stats.users).toMatchObject({ created: 0, skipped: 1 });
    expect(result.issues.sample).toMatchObject([{ code: 'user_match_ambiguous', sourcedId: 'clever-1' }]);
  });

  it('keeps an existing link across runs: a changed email updates the user instead of re-matching', async () => {
    const { sync, store, scope } = createSyncHarness();
    await sync({ records: { users: [student('u1', { email: 'old@school.org' })] } });
    const [before] = await store.findRows({ ...scope, entity: 'users', sourcedIds: ['u1'] });
    const result = await sync({ records: { users: [student('u1', { email: 'new@school.org' })] } });
    expect(result.stats.users).toMatchObject({ created: 0, updated: 1 });
    const [after] = await store.findRows({ ...scope, entity: 'users', sourcedIds: ['u1'] });
    expect(after?.userId).toBe(before?.userId);
    expect(await store.findUsersByEmail({ ...scope, emails: ['new@school.org'] })).toHaveLength(1);
  });
});
