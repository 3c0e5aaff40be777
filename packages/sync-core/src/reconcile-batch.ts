import type { RecordIssue, RosterEntity, RosterRecord, User } from '@aivo/connector-sdk';
import { contentHash, toStoredRecord } from './content-hash.js';
import { findBrokenReferences } from './find-broken-references.js';
import type { IssueCollector } from './issue-collector.js';
import { matchUsers } from './match-users.js';
import type { RosterScope, RosterStore, RowCreate, RowWrite, SeenEntry } from './roster-store.js';
import type { PlannedChange } from './sync-result.js';
import type { EntityStats } from './sync-stats.js';

/** Planned changes kept per action and entity in a dry run. */
export const plannedChangeSampleSize = 20;

/** Everything one batch needs to know about its run. */
export interface BatchContext {
  store: RosterStore;
  scope: RosterScope;
  runId: string;
  entity: RosterEntity;
  /** Write nothing (a dry run on a store without `withRollback`). */
  skipWrites: boolean;
  createUnmatchedUsers: boolean;
  /**
   * False when the store had no row of this entity for the provider as the read began: every existing row
   * is then one this run created, so looking rows up is skipped and a sourcedId read again is left to
   * `markSeen`, which reports it as a duplicate before anything is written.
   */
  lookUpExistingRows: boolean;
  issues: IssueCollector;
  stats: EntityStats;
  /** Dry runs only: where planned changes are sampled. */
  planned?: PlannedChange[];
}

function duplicateIssue(entity: RosterEntity, sourcedId: string): RecordIssue {
  return {
    entity,
    severity: 'error',
    code: 'duplicate_sourced_id',
    sourcedId,
    message: `${entity} ${sourcedId} appears more than once in this read; the first occurrence was used and this one skipped.`,
  };
}

function plan(context: BatchContext, change: PlannedChange): void {
  const planned = context.planned;
  if (!planned) return;
  const sameAction = planned.filter((entry) => entry.action === change.action).length;
  if (sameAction < plannedChangeSampleSize) planned.push(change);
}

/**
 * Reconciles one batch of one entity against the store: drops duplicates, checks references, matches new
 * users, diffs by content hash, marks every record seen and writes creates, updates and reactivations in one
 * `applyBatch` (nothing is written in a dry run). Deactivations are decided later, once the read is complete.
 */
export async function reconcileBatch(context: BatchContext, records: RosterRecord[]): Promise<void> {
  const { store, scope, runId, entity, stats } = context;
  const rejected = new Map<string, RecordIssue>();
  const present: RosterRecord[] = [];
  const deleted: RosterRecord[] = [];
  const inBatch = new Set<string>();
  for (const record of records) {
    if (inBatch.has(record.sourcedId)) {
      context.issues.add(duplicateIssue(entity, record.sourcedId));
      stats.skipped += 1;
      continue;
    }
    inBatch.add(record.sourcedId);
    (record.status === 'tobedeleted' ? deleted : present).push(record);
  }

  for (const [sourcedId, issue] of await findBrokenReferences({
    store,
    scope,
    runId,
    entity,
    records: present,
  })) {
    rejected.set(sourcedId, issue);
  }
  const candidates = present.filter((record) => !rejected.has(record.sourcedId));
  const existing = new Map(
    candidates.length === 0 || !context.lookUpExistingRows
      ? []
      : (
          await store.findRows({ ...scope, entity, sourcedIds: candidates.map((record) => record.sourcedId) })
        ).map((row) => [row.sourcedId, row]),
  );

  const creates: RowCreate[] = [];
  const updates: RowWrite[] = [];
  const reactivations: RowWrite[] = [];
  const unchanged: string[] = [];
  const unlinkedUsers: User[] = [];
  for (const record of candidates) {
    const row = existing.get(record.sourcedId);
    const hash = contentHash(record);
    if (row?.active && row.contentHash === hash) {
      // Most records of a re-sync: nothing to write, so no stored copy is built.
      unchanged.push(record.sourcedId);
      continue;
    }
    const write: RowWrite = {
      sourcedId: record.sourcedId,
      record: toStoredRecord(record),
      contentHash: hash,
    };
    if (!row) {
      if (entity === 'users') unlinkedUsers.push(record as User);
      creates.push(write);
    } else if (!row.active) {
      reactivations.push(write);
    } else {
      updates.push(write);
    }
  }

  if (unlinkedUsers.length > 0) {
    const matches = await matchUsers({
      store,
      scope,
      users: unlinkedUsers,
      createUnmatchedUsers: context.createUnmatchedUsers,
    });
    for (const create of creates) {
      const match = matches.get(create.sourcedId);
      if (match?.outcome === 'reject') rejected.set(create.sourcedId, match.issue);
      if (match?.outcome === 'link') {
        create.userId = match.userId;
        create.matchedBy = match.matchedBy;
      }
    }
  }

  const entries: SeenEntry[] = [
    ...present.map((record) => ({
      sourcedId: record.sourcedId,
      accepted: !rejected.has(record.sourcedId),
      deleted: false,
    })),
    ...deleted.map((record) => ({ sourcedId: record.sourcedId, accepted: false, deleted: true })),
  ];
  const duplicates = new Set(
    entries.length === 0 ? [] : (await store.markSeen({ ...scope, entity, runId, entries })).duplicates,
  );
  for (const sourcedId of duplicates) {
    // A record already read earlier in this run: the first occurrence stands, this one is only a duplicate.
    rejected.delete(sourcedId);
    context.issues.add(duplicateIssue(entity, sourcedId));
    stats.skipped += 1;
  }
  for (const issue of rejected.values()) {
    context.issues.add(issue);
    stats.skipped += 1;
  }
  const keep = (write: RowWrite) => !duplicates.has(write.sourcedId) && !rejected.has(write.sourcedId);
  const finalCreates = creates.filter(keep);
  const finalUpdates = updates.filter(keep);
  const finalReactivations = reactivations.filter(keep);

  if (!context.skipWrites && finalCreates.length + finalUpdates.length + finalReactivations.length > 0) {
    await store.applyBatch({
      ...scope,
      entity,
      runId,
      creates: finalCreates,
      updates: finalUpdates,
      reactivations: finalReactivations,
    });
  }

  stats.created += finalCreates.length;
  stats.updated += finalUpdates.length;
  stats.reactivated += finalReactivations.length;
  stats.unchanged += unchanged.filter((sourcedId) => !duplicates.has(sourcedId)).length;
  if (entity === 'users') {
    stats.matched = (stats.matched ?? 0) + finalCreates.filter((create) => create.userId).length;
  }
  for (const create of finalCreates) {
    plan(context, {
      action: 'create',
      sourcedId: create.sourcedId,
      ...(create.matchedBy ? { matchedBy: create.matchedBy } : {}),
    });
  }
  for (const update of finalUpdates) plan(context, { action: 'update', sourcedId: update.sourcedId });
  for (const reactivation of finalReactivations) {
    plan(context, { action: 'reactivate', sourcedId: reactivation.sourcedId });
  }
}
