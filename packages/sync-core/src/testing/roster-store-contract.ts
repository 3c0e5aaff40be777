import { randomUUID } from 'node:crypto';
import type { RecordIssue, RosterEntity } from '@aivo/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../content-hash.js';
import type { RosterChange, RosterScope, RosterStore, RowWrite, StoredRecord } from '../roster-store.js';

/** Options of {@link describeRosterStoreContract}. */
export interface RosterStoreContractOptions {
  /** Called once after the suite, e.g. to close a connection pool. */
  teardown?: (store: RosterStore) => Promise<void> | void;
}

function write(sourcedId: string, fields: Record<string, unknown>): RowWrite {
  const record = { sourcedId, ...fields } as StoredRecord;
  return { sourcedId, record, contentHash: contentHash(record) };
}

const school = (sourcedId: string, name = `School ${sourcedId}`) =>
  write(sourcedId, { name, type: 'school' });
const user = (role: string) => (sourcedId: string, email?: string, identifier?: string) =>
  write(sourcedId, {
    role,
    givenName: 'Ana',
    familyName: sourcedId,
    enabledUser: true,
    orgSourcedIds: [],
    userIds: [],
    agentSourcedIds: [],
    grades: [],
    ...(email ? { email } : {}),
    ...(identifier ? { identifier } : {}),
  });
const student = user('student');
const teacher = user('teacher');
const enrollment = (sourcedId: string, classSourcedId: string, userSourcedId: string) =>
  write(sourcedId, { classSourcedId, userSourcedId, role: 'student', primary: false });

async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const collected: Item[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

/**
 * The behaviour every {@link RosterStore} must have, as a vitest suite. Run it against your implementation:
 *
 * @example
 * import { describeRosterStoreContract } from '@aivo/sync-core/testing';
 * describeRosterStoreContract('postgres store', async () => createPostgresRosterStore({ pool }));
 *
 * Every test works in its own fresh tenant (a random id), so the suite can share one database with other
 * data and runs in any order. `createStore` is called once for the whole suite.
 */
export function describeRosterStoreContract(
  name: string,
  createStore: () => RosterStore | Promise<RosterStore>,
  options: RosterStoreContractOptions = {},
): void {
  describe(`RosterStore contract: ${name}`, () => {
    let store: RosterStore;
    beforeAll(async () => {
      store = await createStore();
    });
    afterAll(async () => {
      await options.teardown?.(store);
    });

    const freshScope = (): RosterScope => ({ tenantId: `tenant-${randomUUID()}`, providerId: 'provider-a' });
    const create = (scope: RosterScope, entity: RosterEntity, runId: string, rows: RowWrite[]) =>
      store.applyBatch({ ...scope, entity, runId, creates: rows, updates: [], reactivations: [] });
    const changesOf = async (scope: RosterScope, runId: string): Promise<RosterChange[]> =>
      collect(store.listChanges({ ...scope, runId }));

    it('creates rows, finds them by sourcedId, and keeps tenants and providers apart', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('s1'), school('s2')]);
      const rows = await store.findRows({ ...scope, entity: 'orgs', sourcedIds: ['s1', 's2', 'nope'] });
      expect(rows.map((row) => row.sourcedId).sort()).toEqual(['s1', 's2']);
      expect(rows.every((row) => row.active)).toBe(true);
      expect(rows.find((row) => row.sourcedId === 's1')?.contentHash).toBe(school('s1').contentHash);
      expect(await store.countActive({ ...scope, entity: 'orgs' })).toBe(2);
      expect(await store.countActive({ ...scope, entity: 'classes' })).toBe(0);
      const otherProvider = { ...scope, providerId: 'provider-b' };
      expect(await store.findRows({ ...otherProvider, entity: 'orgs', sourcedIds: ['s1'] })).toEqual([]);
      expect(await store.countActive({ ...freshScope(), entity: 'orgs' })).toBe(0);
      expect((await changesOf(scope, 'run-1')).map((change) => [change.action, change.sourcedId])).toEqual([
        ['created', 's1'],
        ['created', 's2'],
      ]);
    });

    it('updates content and reactivates inactive rows, logging each change', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('s1'), school('s2')]);
      await store.markSeen({
        ...scope,
        entity: 'orgs',
        runId: 'run-2',
        entries: [{ sourcedId: 's1', accepted: true, deleted: false }],
      });
      expect(await store.deactivate({ ...scope, entity: 'orgs', runId: 'run-2', rule: 'absent' })).toEqual({
        deactivated: 1,
        cascadedEnrollments: 0,
      });
      const renamed = school('s1', 'Renamed');
      await store.applyBatch({
        ...scope,
        entity: 'orgs',
        runId: 'run-3',
        creates: [],
        updates: [renamed],
        reactivations: [school('s2')],
      });
      const rows = await store.findRows({ ...scope, entity: 'orgs', sourcedIds: ['s1', 's2'] });
      expect(rows.find((row) => row.sourcedId === 's1')?.contentHash).toBe(renamed.contentHash);
      expect(rows.every((row) => row.active)).toBe(true);
      expect((await changesOf(scope, 'run-3')).map((change) => [change.action, change.sourcedId])).toEqual([
        ['updated', 's1'],
        ['reactivated', 's2'],
      ]);
      expect(await changesOf(scope, 'run-2')).toMatchObject([
        { action: 'deactivated', sourcedId: 's2', entity: 'orgs' },
      ]);
    });

    it('says whether a provider has any row of an entity, inactive rows included (optional method)', async (context) => {
      if (!store.hasRows) context.skip();
      const hasRows = (scope: RosterScope, entity: RosterEntity) => store.hasRows!({ ...scope, entity });
      const scope = freshScope();
      expect(await hasRows(scope, 'orgs')).toBe(false);
      await create(scope, 'orgs', 'run-1', [school('s1')]);
      expect(await hasRows(scope, 'orgs')).toBe(true);
      expect(await hasRows(scope, 'classes')).toBe(false);
      expect(await hasRows({ ...scope, providerId: 'provider-b' }, 'orgs')).toBe(false);
      await store.deactivate({ ...scope, entity: 'orgs', runId: 'run-2', rule: 'absent' });
      expect(await store.countActive({ ...scope, entity: 'orgs' })).toBe(0);
      expect(await hasRows(scope, 'orgs')).toBe(true);
    });

    it('writes nothing from a batch that fails', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('s1')]);
      await expect(create(scope, 'orgs', 'run-2', [school('s2'), school('s1')])).rejects.toThrow();
      expect(await store.findRows({ ...scope, entity: 'orgs', sourcedIds: ['s2'] })).toEqual([]);
    });

    it('refuses to link a user to a platform user of another tenant', async () => {
      const scope = freshScope();
      const other = freshScope();
      await create(other, 'users', 'run-1', [student('u1', 'ana@school.org')]);
      const [foreign] = await store.findRows({ ...other, entity: 'users', sourcedIds: ['u1'] });
      await expect(
        store.applyBatch({
          ...scope,
          entity: 'users',
          runId: 'run-1',
          creates: [{ ...student('u1'), userId: foreign!.userId! }],
          updates: [],
          reactivations: [],
        }),
      ).rejects.toThrow();
      expect(await store.findRows({ ...scope, entity: 'users', sourcedIds: ['u1'] })).toEqual([]);
    });

    it('creates a platform user per unlinked user and finds it by normalized email and student number', async () => {
      const scope = freshScope();
      await create(scope, 'users', 'run-1', [
        student('u1', ' Ana.Lee@School.ORG ', '1001'),
        teacher('t1', 'teach@school.org', '2002'),
      ]);
      const [link] = await store.findRows({ ...scope, entity: 'users', sourcedIds: ['u1'] });
      expect(link?.userId).toEqual(expect.any(String));
      const byEmail = await store.findUsersByEmail({ ...scope, emails: ['ana.lee@school.org'] });
      expect(byEmail).toEqual([
        {
          userId: link?.userId,
          email: 'ana.lee@school.org',
          studentNumber: '1001',
          linkedSourcedIds: ['u1'],
        },
      ]);
      expect(await store.findUsersByStudentNumber({ ...scope, studentNumbers: ['1001'] })).toHaveLength(1);
      // Only students have student numbers.
      expect(await store.findUsersByStudentNumber({ ...scope, studentNumbers: ['2002'] })).toEqual([]);
      expect(await store.findUsersByEmail({ ...freshScope(), emails: ['ana.lee@school.org'] })).toEqual([]);
    });

    it('links one platform user from several providers', async () => {
      const scope = freshScope();
      const other = { ...scope, providerId: 'provider-b' };
      await create(scope, 'users', 'run-1', [student('u1', 'ana@school.org')]);
      const [candidate] = await store.findUsersByEmail({ ...other, emails: ['ana@school.org'] });
      expect(candidate?.linkedSourcedIds).toEqual([]);
      await store.applyBatch({
        ...other,
        entity: 'users',
        runId: 'run-b1',
        creates: [
          { ...student('clever-9', 'ana@school.org'), userId: candidate!.userId, matchedBy: 'email' },
        ],
        updates: [],
        reactivations: [],
      });
      const [linked] = await store.findRows({ ...other, entity: 'users', sourcedIds: ['clever-9'] });
      expect(linked?.userId).toBe(candidate?.userId);
      expect(await store.findUsersByEmail({ ...other, emails: ['ana@school.org'] })).toMatchObject([
        { userId: candidate?.userId, linkedSourcedIds: ['clever-9'] },
      ]);
      expect(await changesOf(other, 'run-b1')).toMatchObject([
        { action: 'created', sourcedId: 'clever-9', userId: candidate?.userId, reason: 'email' },
      ]);
    });

    it("refreshes the platform user's email when a user record changes", async () => {
      const scope = freshScope();
      await create(scope, 'users', 'run-1', [student('u1', 'old@school.org')]);
      await store.applyBatch({
        ...scope,
        entity: 'users',
        runId: 'run-2',
        creates: [],
        updates: [student('u1', 'new@school.org')],
        reactivations: [],
      });
      expect(await store.findUsersByEmail({ ...scope, emails: ['new@school.org'] })).toHaveLength(1);
      expect(await store.findUsersByEmail({ ...scope, emails: ['old@school.org'] })).toEqual([]);
    });

    it('reports sourcedIds marked twice in one run as duplicates, keeping the first marker', async () => {
      const scope = freshScope();
      const entries = [{ sourcedId: 'c1', accepted: true, deleted: false }];
      expect(await store.markSeen({ ...scope, entity: 'classes', runId: 'run-1', entries })).toEqual({
        duplicates: [],
      });
      expect(
        await store.markSeen({
          ...scope,
          entity: 'classes',
          runId: 'run-1',
          entries: [
            { sourcedId: 'c1', accepted: false, deleted: false },
            { sourcedId: 'c2', accepted: true, deleted: false },
          ],
        }),
      ).toEqual({ duplicates: ['c1'] });
      expect(
        await store.findKnownSourcedIds({ ...scope, entity: 'classes', runId: 'run-1', sourcedIds: ['c1'] }),
      ).toEqual(['c1']);
      expect(
        (await store.markSeen({ ...scope, entity: 'classes', runId: 'run-2', entries })).duplicates,
      ).toEqual([]);
      expect(
        (await store.markSeen({ ...scope, entity: 'orgs', runId: 'run-1', entries })).duplicates,
      ).toEqual([]);
    });

    it('knows active rows and sourcedIds accepted in this run, not inactive or rejected ones', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('active'), school('gone')]);
      await store.markSeen({
        ...scope,
        entity: 'orgs',
        runId: 'run-1',
        entries: [{ sourcedId: 'active', accepted: true, deleted: false }],
      });
      await store.deactivate({ ...scope, entity: 'orgs', runId: 'run-1', rule: 'absent' });
      await store.markSeen({
        ...scope,
        entity: 'orgs',
        runId: 'run-2',
        entries: [
          { sourcedId: 'planned', accepted: true, deleted: false },
          { sourcedId: 'rejected', accepted: false, deleted: false },
        ],
      });
      const known = await store.findKnownSourcedIds({
        ...scope,
        entity: 'orgs',
        runId: 'run-2',
        sourcedIds: ['active', 'gone', 'planned', 'rejected', 'unknown'],
      });
      expect(known.sort()).toEqual(['active', 'planned']);
    });

    it('selects absent rows for full reads and deleted-marked rows for delta reads', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('a'), school('b'), school('c'), school('d')]);
      await store.markSeen({
        ...scope,
        entity: 'orgs',
        runId: 'run-2',
        entries: [
          { sourcedId: 'a', accepted: true, deleted: false },
          { sourcedId: 'b', accepted: false, deleted: false },
          { sourcedId: 'c', accepted: false, deleted: true },
        ],
      });
      const selection = { ...scope, entity: 'orgs' as const, runId: 'run-2' };
      expect(
        await store.findDeactivationCandidates({ ...selection, rule: 'absent', sampleSize: 10 }),
      ).toEqual({
        count: 2,
        sample: ['c', 'd'],
      });
      expect(
        await store.findDeactivationCandidates({ ...selection, rule: 'absent', sampleSize: 1 }),
      ).toMatchObject({
        count: 2,
        sample: [expect.any(String)],
      });
      expect(
        await store.findDeactivationCandidates({ ...selection, rule: 'markedDeleted', sampleSize: 10 }),
      ).toEqual({ count: 1, sample: ['c'] });
      expect(await store.deactivate({ ...selection, rule: 'markedDeleted' })).toEqual({
        deactivated: 1,
        cascadedEnrollments: 0,
      });
      expect(await store.countActive({ ...scope, entity: 'orgs' })).toBe(3);
      expect(
        await store.findDeactivationCandidates({ ...selection, rule: 'absent', sampleSize: 10 }),
      ).toEqual({
        count: 1,
        sample: ['d'],
      });
    });

    it("deactivating classes or users deactivates this provider's enrollments in them", async () => {
      const scope = freshScope();
      await create(scope, 'classes', 'run-1', [
        write('c1', { title: 'Math' }),
        write('c2', { title: 'Art' }),
      ]);
      await create(scope, 'users', 'run-1', [student('u1'), student('u2')]);
      await create(scope, 'enrollments', 'run-1', [
        enrollment('e1', 'c1', 'u1'),
        enrollment('e2', 'c2', 'u1'),
        enrollment('e3', 'c2', 'u2'),
      ]);
      const keep = (sourcedId: string) => ({ sourcedId, accepted: true, deleted: false });
      await store.markSeen({ ...scope, entity: 'classes', runId: 'run-2', entries: [keep('c2')] });
      expect(await store.deactivate({ ...scope, entity: 'classes', runId: 'run-2', rule: 'absent' })).toEqual(
        {
          deactivated: 1,
          cascadedEnrollments: 1,
        },
      );
      await store.markSeen({ ...scope, entity: 'users', runId: 'run-2', entries: [keep('u1')] });
      expect(await store.deactivate({ ...scope, entity: 'users', runId: 'run-2', rule: 'absent' })).toEqual({
        deactivated: 1,
        cascadedEnrollments: 1,
      });
      const enrollments = await store.findRows({
        ...scope,
        entity: 'enrollments',
        sourcedIds: ['e1', 'e2', 'e3'],
      });
      expect(Object.fromEntries(enrollments.map((row) => [row.sourcedId, row.active]))).toEqual({
        e1: false,
        e2: true,
        e3: false,
      });
      const changes = await changesOf(scope, 'run-2');
      expect(
        changes
          .filter((change) => change.reason === 'cascade')
          .map((change) => change.sourcedId)
          .sort(),
      ).toEqual(['e1', 'e3']);
    });

    it('holds deactivations without applying them, and approves exactly the rows still held', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('a'), school('b'), school('c'), school('d')]);
      await store.markSeen({
        ...scope,
        entity: 'orgs',
        runId: 'run-2',
        entries: [{ sourcedId: 'a', accepted: true, deleted: false }],
      });
      const held = await store.holdDeactivations({
        ...scope,
        entity: 'orgs',
        runId: 'run-2',
        rule: 'absent',
        reason: 'too many',
      });
      expect(held).toMatchObject({ ...scope, runId: 'run-2', entity: 'orgs', status: 'pending', count: 3 });
      expect(await store.countActive({ ...scope, entity: 'orgs' })).toBe(4);
      expect(await store.listHeldSourcedIds({ ...scope, heldId: held.heldId, limit: 10 })).toEqual([
        'b',
        'c',
        'd',
      ]);
      // A later run sees b again: b leaves the held set.
      await store.markSeen({
        ...scope,
        entity: 'orgs',
        runId: 'run-3',
        entries: [{ sourcedId: 'b', accepted: true, deleted: false }],
      });
      await store.releaseSeenFromHolds({ ...scope, entity: 'orgs', runId: 'run-3' });
      expect(await store.listHeldSourcedIds({ ...scope, heldId: held.heldId, limit: 10 })).toEqual([
        'c',
        'd',
      ]);
      // d is deactivated by other means meanwhile.
      await store.markSeen({
        ...scope,
        entity: 'orgs',
        runId: 'run-4',
        entries: [{ sourcedId: 'd', accepted: false, deleted: true }],
      });
      await store.deactivate({ ...scope, entity: 'orgs', runId: 'run-4', rule: 'markedDeleted' });

      const approved = await store.approveHeldSet({ ...scope, heldId: held.heldId });
      expect(approved).toMatchObject({ deactivated: 1, cascadedEnrollments: 0, skipped: 2 });
      expect(approved.heldSet.status).toBe('approved');
      const rows = await store.findRows({ ...scope, entity: 'orgs', sourcedIds: ['a', 'b', 'c', 'd'] });
      expect(Object.fromEntries(rows.map((row) => [row.sourcedId, row.active]))).toEqual({
        a: true,
        b: true,
        c: false,
        d: false,
      });
      expect(await changesOf(scope, 'run-2')).toMatchObject([
        { action: 'deactivated', sourcedId: 'c', reason: 'approved', heldId: held.heldId },
      ]);
      const again = await store.approveHeldSet({ ...scope, heldId: held.heldId });
      expect(again).toMatchObject({ deactivated: 0, heldSet: { status: 'approved' } });
    });

    it('discards a held set and supersedes an older pending set of the same entity', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('a'), school('b')]);
      const first = await store.holdDeactivations({
        ...scope,
        entity: 'orgs',
        runId: 'run-2',
        rule: 'absent',
        reason: 'empty feed',
      });
      const second = await store.holdDeactivations({
        ...scope,
        entity: 'orgs',
        runId: 'run-3',
        rule: 'absent',
        reason: 'empty feed',
      });
      const sets = await store.listHeldSets(scope);
      expect(sets.map((set) => [set.heldId, set.status])).toEqual([
        [second.heldId, 'pending'],
        [first.heldId, 'superseded'],
      ]);
      expect((await store.listHeldSets({ ...scope, status: 'pending' })).map((set) => set.heldId)).toEqual([
        second.heldId,
      ]);
      expect(await store.approveHeldSet({ ...scope, heldId: first.heldId })).toMatchObject({
        deactivated: 0,
      });
      expect((await store.discardHeldSet({ ...scope, heldId: second.heldId })).status).toBe('discarded');
      expect(await store.approveHeldSet({ ...scope, heldId: second.heldId })).toMatchObject({
        deactivated: 0,
      });
      expect(await store.countActive({ ...scope, entity: 'orgs' })).toBe(2);
      expect(await store.listHeldSets({ ...freshScope() })).toEqual([]);
      await expect(store.approveHeldSet({ ...freshScope(), heldId: second.heldId })).rejects.toThrow();
      await expect(store.listHeldSourcedIds({ ...scope, heldId: 'no-such-set', limit: 1 })).rejects.toThrow();
    });

    it('records issues per run in order', async () => {
      const scope = freshScope();
      const issues: RecordIssue[] = [
        { entity: 'users', severity: 'error', code: 'user_unmatched', message: 'no match', sourcedId: 'u1' },
        {
          entity: 'enrollments',
          severity: 'warning',
          code: 'invalid_record',
          message: 'bad date',
          location: { file: 'enrollments.csv', line: 4 },
          details: [{ path: 'beginDate', message: 'must be a real date' }],
        },
      ];
      await store.recordIssues({ ...scope, runId: 'run-1', issues });
      expect(await collect(store.listIssues({ ...scope, runId: 'run-1' }))).toEqual(issues);
      expect(await collect(store.listIssues({ ...scope, runId: 'run-2' }))).toEqual([]);
    });

    it('withRollback (when implemented) discards every write made inside it', async (context) => {
      const withRollback = store.withRollback?.bind(store);
      if (!withRollback) {
        context.skip();
        return;
      }
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('kept')]);
      const answer = await withRollback(async (scratch) => {
        await scratch.applyBatch({
          ...scope,
          entity: 'orgs',
          runId: 'run-2',
          creates: [school('discarded')],
          updates: [school('kept', 'Renamed')],
          reactivations: [],
        });
        await scratch.recordIssues({
          ...scope,
          runId: 'run-2',
          issues: [{ entity: 'orgs', severity: 'error', code: 'x', message: 'x' }],
        });
        await scratch.holdDeactivations({
          ...scope,
          entity: 'orgs',
          runId: 'run-2',
          rule: 'absent',
          reason: 'r',
        });
        expect(await scratch.countActive({ ...scope, entity: 'orgs' })).toBe(2);
        return 42;
      });
      expect(answer).toBe(42);
      const rows = await store.findRows({ ...scope, entity: 'orgs', sourcedIds: ['kept', 'discarded'] });
      expect(rows).toEqual([{ sourcedId: 'kept', active: true, contentHash: school('kept').contentHash }]);
      expect(await collect(store.listIssues({ ...scope, runId: 'run-2' }))).toEqual([]);
      expect(await changesOf(scope, 'run-2')).toEqual([]);
      expect(await store.listHeldSets(scope)).toEqual([]);
      await expect(
        withRollback(async (scratch) => {
          await create(scope, 'orgs', 'run-3', [school('also-discarded')]).catch(() => undefined);
          await scratch.applyBatch({
            ...scope,
            entity: 'orgs',
            runId: 'run-3',
            creates: [school('inside-failure')],
            updates: [],
            reactivations: [],
          });
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      expect(await store.findRows({ ...scope, entity: 'orgs', sourcedIds: ['inside-failure'] })).toEqual([]);
    });

    it('clears the seen-markers of a run', async () => {
      const scope = freshScope();
      await create(scope, 'orgs', 'run-1', [school('a')]);
      const entries = [{ sourcedId: 'a', accepted: true, deleted: false }];
      await store.markSeen({ ...scope, entity: 'orgs', runId: 'run-2', entries });
      const selection = { ...scope, entity: 'orgs' as const, runId: 'run-2', rule: 'absent' as const };
      expect((await store.findDeactivationCandidates({ ...selection, sampleSize: 1 })).count).toBe(0);
      await store.clearSeen({ ...scope, runId: 'run-2' });
      expect((await store.findDeactivationCandidates({ ...selection, sampleSize: 1 })).count).toBe(1);
      expect(
        (await store.markSeen({ ...scope, entity: 'orgs', runId: 'run-2', entries })).duplicates,
      ).toEqual([]);
    });
  });
}
