import {
  type RecordIssue,
  type RosterEntity,
  type RosterRecord,
  type RosterRecordByEntity,
  rosterEntities,
} from '@aivo/connector-sdk';
import { findSyncOptionProblem } from './find-sync-option-problem.js';
import { IssueCollector } from './issue-collector.js';
import { plannedChangeSampleSize, reconcileBatch } from './reconcile-batch.js';
import type { DeactivationRule, RosterScope } from './roster-store.js';
import { decideSafetyHold, type SafetyDecision } from './safety-hold.js';
import type { SyncOptions } from './sync-options.js';
import type {
  HeldDeactivations,
  PlannedChange,
  SyncIssueSummary,
  SyncResult,
  SyncStatus,
} from './sync-result.js';
import { createEmptyStats, statsKeyByEntity } from './sync-stats.js';

/** The default number of records per batch. */
export const defaultBatchSize = 5000;

/** A store call threw: the run cannot go on safely. */
class StoreFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

async function storeCall<Result>(call: () => Promise<Result>): Promise<Result> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof StoreFailure ? error : new StoreFailure(error);
  }
}

type EntityOutcome =
  | { kind: 'complete'; recordsRead: number }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reconciles one provider's roster with the store: reads every entity in dependency order (orgs →
 * academicSessions → courses → classes → users → enrollments) in batches, matches users, writes only changed
 * rows, and soft-deletes what a *complete* read no longer contains — unless a safety threshold holds the
 * deactivations for review. Expected problems (bad records, failed reads, holds, cancellation) come back in the
 * result; the promise only rejects on a programming error.
 *
 * A read that fails deactivates none of that entity's rows (the records received before the failure are still
 * applied); later entities still load creates and updates, but none of them deactivates anything in that run
 * (a broken parent read can make children look absent).
 *
 * @example
 * const result = await runSync({ connector, store, tenantId: 'district-123', providerId: 'p1', runId: 'run-42', mode: 'full' });
 * if (result.status === 'PARTIAL' && result.held) console.log(result.held[0].reason);
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const { store } = options;
  if (!options.dryRun) return reconcileRoster(options, { simulate: false, preview: false });
  if (!store.withRollback) return reconcileRoster(options, { simulate: true, preview: true });
  // Exact dry run: the real reconciliation, against a view of the store whose writes are all discarded.
  try {
    return await store.withRollback((scratch) =>
      reconcileRoster({ ...options, store: scratch }, { simulate: false, preview: true }),
    );
  } catch (error) {
    options.logger?.error('Dry run failed', { error: errorText(error) });
    const summary: SyncIssueSummary = { total: 0, byCode: {}, byEntity: {}, sample: [] };
    return {
      status: 'FAILURE',
      stats: createEmptyStats(),
      issues: summary,
      incompleteEntities: [...rosterEntities],
      errorMessage: `The dry run failed: ${errorText(error)}`,
      plannedChanges: {},
    };
  }
}

/**
 * How {@link reconcileRoster} treats the store.
 * - `simulate`: write nothing; deactivations and holds are only counted (dry run on a store without
 *   `withRollback`).
 * - `preview`: a dry run: sample planned changes, and report holds without a `heldId` (nothing is kept).
 */
interface ReconcileMode {
  simulate: boolean;
  preview: boolean;
}

async function reconcileRoster(options: SyncOptions, mode: ReconcileMode): Promise<SyncResult> {
  const { connector, store, runId, signal, logger } = options;
  const scope: RosterScope = { tenantId: options.tenantId, providerId: options.providerId };
  const { simulate, preview } = mode;
  const batchSize = options.batchSize ?? defaultBatchSize;
  const stats = createEmptyStats();
  const issues = new IssueCollector();
  const held: HeldDeactivations[] = [];
  /** Entities read completely and reconciled to the end (deactivations decided). */
  const completeEntities = new Set<RosterEntity>();
  const problems: string[] = [];
  const plannedChanges: Partial<Record<(typeof statsKeyByEntity)[RosterEntity], PlannedChange[]>> = {};

  const finish = (status: SyncStatus, errorMessage?: string): SyncResult => {
    for (const entity of rosterEntities)
      stats[statsKeyByEntity[entity]].issues = issues.summary().byEntity[entity] ?? 0;
    return {
      status,
      stats,
      issues: issues.summary(),
      incompleteEntities: rosterEntities.filter((entity) => !completeEntities.has(entity)),
      ...(held.length > 0 ? { held } : {}),
      ...(errorMessage ? { errorMessage } : {}),
      ...(preview ? { plannedChanges } : {}),
    };
  };

  const problem = findSyncOptionProblem(options);
  if (problem) return finish('FAILURE', problem);

  /** Stores the issues gathered since the last flush and returns them. */
  const flushIssues = async (): Promise<RecordIssue[]> => {
    const pending = issues.takePending();
    if (!simulate && pending.length > 0)
      await storeCall(() => store.recordIssues({ ...scope, runId, issues: pending }));
    return pending;
  };

  const report = (progress: Parameters<NonNullable<SyncOptions['onProgress']>>[0]): void => {
    try {
      options.onProgress?.(progress);
    } catch (error) {
      logger?.warn('onProgress threw; ignored', { error: errorText(error) });
    }
  };

  async function readEntity<Entity extends RosterEntity>(
    entity: Entity,
    lookUpExistingRows: boolean,
  ): Promise<EntityOutcome> {
    const entityStats = stats[statsKeyByEntity[entity]];
    const planned: PlannedChange[] | undefined = preview ? [] : undefined;
    if (planned) plannedChanges[statsKeyByEntity[entity]] = planned;
    const context = {
      store,
      scope,
      runId,
      entity,
      skipWrites: simulate,
      createUnmatchedUsers: options.createUnmatchedUsers ?? true,
      lookUpExistingRows,
      issues,
      stats: entityStats,
      ...(planned ? { planned } : {}),
    };
    let recordsRead = 0;
    let batch: RosterRecord[] = [];
    // Store work of this entity runs in order on one queue, so the next batch is read (parsed, validated,
    // fetched) while the previous one is reconciled: reading and writing overlap instead of taking turns.
    // At most one batch is reconciling while the next fills, so memory stays at two batches.
    let storeQueue: Promise<void> = Promise.resolve();
    const enqueue = (work: () => Promise<unknown>): Promise<void> => {
      storeQueue = storeQueue.then(async () => {
        await work();
      });
      // A failure is observed where the queue is next awaited; this only keeps it from being "unhandled".
      storeQueue.catch(() => {});
      return storeQueue;
    };
    const reconcileRecords = async (records: RosterRecord[], processed: number) => {
      if (records.length > 0) await storeCall(() => reconcileBatch(context, records));
      const batchIssues = await flushIssues();
      const { onBatch } = options;
      if (onBatch && records.length > 0) {
        await storeCall(async () => onBatch({ entity, records, applied: true, issues: batchIssues }));
      }
      logger?.debug('Batch reconciled', {
        entity,
        records: records.length,
        processed,
        created: entityStats.created,
        updated: entityStats.updated,
        skipped: entityStats.skipped,
      });
      report({
        entity,
        processed,
        created: entityStats.created,
        updated: entityStats.updated,
        unchanged: entityStats.unchanged,
        skipped: entityStats.skipped,
        done: false,
      });
    };
    /** Queues the batch read so far; returns once the batch before it is reconciled (bounding memory). */
    const queuePendingBatch = async () => {
      await storeQueue;
      const records = batch;
      batch = [];
      const processed = recordsRead;
      enqueue(() => reconcileRecords(records, processed));
    };
    /** A cancelled run drops the batch it was reading; the caller still hears of it (best effort). */
    const dropPendingBatch = async (): Promise<EntityOutcome> => {
      await storeQueue;
      const records = batch;
      batch = [];
      if (options.onBatch && records.length > 0) {
        try {
          await options.onBatch({ entity, records, applied: false, issues: [] });
        } catch (error) {
          logger?.warn('onBatch failed for a dropped batch; ignored', { entity, error: errorText(error) });
        }
      }
      return { kind: 'cancelled' };
    };
    const read = connector[entity].bind(connector) as (
      readOptions: Parameters<typeof connector.orgs>[0],
    ) => AsyncIterable<RosterRecordByEntity[Entity]>;
    try {
      for await (const record of read({
        ...(signal ? { signal } : {}),
        ...(options.mode === 'delta' && options.since !== undefined ? { since: options.since } : {}),
        onIssue: (issue: RecordIssue) => issues.add(issue),
      })) {
        recordsRead += 1;
        batch.push(record);
        if (issues.pendingCount >= batchSize) await enqueue(flushIssues);
        if (batch.length >= batchSize) {
          // Cancellation is honoured between batches: a batch is applied whole or not at all.
          if (signal?.aborted) return dropPendingBatch();
          await queuePendingBatch();
        }
      }
    } catch (error) {
      if (error instanceof StoreFailure) throw error;
      if (signal?.aborted) return dropPendingBatch();
      await storeQueue;
      // What arrived before the failure is good data: apply it, but the entity deactivates nothing.
      await queuePendingBatch();
      await storeQueue;
      return { kind: 'failed', error };
    }
    if (signal?.aborted) return dropPendingBatch();
    await queuePendingBatch();
    await storeQueue;
    return { kind: 'complete', recordsRead };
  }

  async function decideDeactivations(entity: RosterEntity, activeBefore: number, recordsRead: number) {
    const rule: DeactivationRule = options.mode === 'full' ? 'absent' : 'markedDeleted';
    const selection = { ...scope, entity, runId, rule };
    const entityStats = stats[statsKeyByEntity[entity]];
    const candidates = await storeCall(() =>
      store.findDeactivationCandidates({ ...selection, sampleSize: plannedChangeSampleSize }),
    );
    if (candidates.count === 0) return;
    // Enrollments hang off classes and users: while their deactivations wait for review, so do the enrollments'.
    const heldParent =
      entity === 'enrollments'
        ? held.find((entry) => entry.entity === 'classes' || entry.entity === 'users')?.entity
        : undefined;
    const decision: SafetyDecision = heldParent
      ? {
          hold: true,
          reason: `Deactivating ${candidates.count} ${entity} is held with this run's held ${heldParent} deactivations; review them together.`,
        }
      : decideSafetyHold({
          entity,
          candidates: candidates.count,
          activeBefore,
          recordsRead,
          mode: options.mode,
          ...(options.thresholds ? { thresholds: options.thresholds } : {}),
        });
    if (decision.hold) {
      const heldSet = simulate
        ? undefined
        : await storeCall(() => store.holdDeactivations({ ...selection, reason: decision.reason }));
      entityStats.held += candidates.count;
      held.push({
        entity,
        ...(heldSet && !preview ? { heldId: heldSet.heldId } : {}),
        count: candidates.count,
        activeBefore,
        reason: decision.reason,
        sample: candidates.sample,
      });
      logger?.warn('Deactivations held for review', { entity, count: candidates.count, activeBefore });
      return;
    }
    const planned = plannedChanges[statsKeyByEntity[entity]];
    for (const sourcedId of candidates.sample) planned?.push({ action: 'deactivate', sourcedId });
    if (simulate) {
      entityStats.deactivated += candidates.count;
      return;
    }
    const result = await storeCall(() => store.deactivate(selection));
    entityStats.deactivated += result.deactivated;
    stats.enrollments.deactivated += result.cascadedEnrollments;
  }

  let deactivationBlockedBy: RosterEntity | undefined;
  let outcome: SyncStatus | undefined;
  try {
    for (const entity of rosterEntities) {
      if (signal?.aborted) {
        outcome = 'CANCELLED';
        break;
      }
      logger?.info('Reading entity', { entity, mode: options.mode, dryRun: preview });
      const activeBefore = await storeCall(() => store.countActive({ ...scope, entity }));
      // A provider's first read of an entity finds no existing rows: its batches need not look for them.
      const lookUpExistingRows =
        activeBefore > 0 ||
        (await storeCall(async () => (store.hasRows ? store.hasRows({ ...scope, entity }) : true)));
      const result = await readEntity(entity, lookUpExistingRows);
      if (!simulate) await storeCall(() => store.releaseSeenFromHolds({ ...scope, entity, runId }));
      if (result.kind === 'cancelled') {
        outcome = 'CANCELLED';
        break;
      }
      if (result.kind === 'failed') {
        deactivationBlockedBy ??= entity;
        problems.push(`Reading ${entity} failed: ${errorText(result.error)}`);
        issues.add({
          entity,
          severity: 'error',
          code: 'read_failed',
          message: `Reading ${entity} failed, so none of its rows were deactivated: ${errorText(result.error)}`,
        });
        logger?.error('Entity read failed', { entity, error: errorText(result.error) });
        await flushIssues();
        continue;
      }
      if (deactivationBlockedBy) {
        logger?.warn('Deactivations skipped after an earlier failed read', { entity, deactivationBlockedBy });
      } else {
        await decideDeactivations(entity, activeBefore, result.recordsRead);
      }
      await flushIssues();
      completeEntities.add(entity);
      const entityStats = stats[statsKeyByEntity[entity]];
      report({
        entity,
        processed: result.recordsRead,
        created: entityStats.created,
        updated: entityStats.updated,
        unchanged: entityStats.unchanged,
        skipped: entityStats.skipped,
        done: true,
      });
    }
  } catch (error) {
    if (!(error instanceof StoreFailure)) throw error;
    logger?.error('Store call failed; run stopped', { error: error.message });
    problems.push(`The roster store failed, so the run stopped: ${error.message}`);
    outcome = 'FAILURE';
  } finally {
    try {
      await store.clearSeen({ ...scope, runId });
    } catch (error) {
      logger?.warn('Could not clear seen-markers', { error: errorText(error) });
    }
  }

  if (outcome === 'CANCELLED')
    problems.unshift('The sync was cancelled; batches applied before that stay applied.');
  if (deactivationBlockedBy && outcome !== 'FAILURE') {
    problems.push(
      `No deactivations after ${deactivationBlockedBy} failed: an incomplete read must never remove rows.`,
    );
  }
  if (held.length > 0) {
    problems.push(
      `Deactivations held for review: ${held.map((entry) => `${entry.entity} (${entry.count})`).join(', ')}.`,
    );
  }
  const status: SyncStatus =
    outcome ?? (completeEntities.size === 0 ? 'FAILURE' : problems.length > 0 ? 'PARTIAL' : 'SUCCESS');
  logger?.info('Sync finished', { status, dryRun: preview });
  return finish(status, problems.length > 0 ? problems.join(' ') : undefined);
}
