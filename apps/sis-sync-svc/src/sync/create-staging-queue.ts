import type { SyncBatch } from '@aivo/sync-core';
import { firstIssueBySourcedId, type StagingTarget, stageRecords } from './staging-writer.js';

/** Stages a run's batches in read order, one write at a time, beside the roster writes. */
export interface StagingQueue {
  /**
   * sync-core's `onBatch`: queues the batch's staging write and waits only for the write before it, so the
   * next batch is reconciled on another connection while this one is staged. A failed write rejects the
   * next call (sync-core then stops the run) and {@link StagingQueue.drain}.
   */
  stage(batch: SyncBatch): Promise<void>;
  /** Settles once every queued write is done; rejects with the first failure. */
  drain(): Promise<void>;
}

/** Creates the staging queue of one run; a dry run's rows are staged as not processed. */
export function createStagingQueue(target: StagingTarget, options: { dryRun: boolean }): StagingQueue {
  let last: Promise<void> = Promise.resolve();
  return {
    async stage(batch) {
      const previous = last;
      last = previous.then(() =>
        stageRecords(target, batch.entity, batch.records, {
          processed: batch.applied && !options.dryRun,
          errors: firstIssueBySourcedId(batch.issues),
        }),
      );
      // Observed by the next stage() or drain(); this only keeps it from being reported as unhandled.
      last.catch(() => {});
      await previous;
    },
    drain: () => last,
  };
}
