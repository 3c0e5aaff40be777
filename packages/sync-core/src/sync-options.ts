import type { RecordIssue, RosterConnectorV1, RosterEntity, RosterRecord } from '@aivo/connector-sdk';
import type { RosterStore } from './roster-store.js';

/** Safety thresholds that hold deactivations back for an admin's review. */
export interface SyncThresholds {
  /**
   * Hold an entity's deactivations when they would exceed this share of its active rows, in percent
   * (default 10: deactivating 2 of 10 active rows is held, 1 of 10 applies).
   */
  maxDeactivatePercent?: number;
  /** Per-entity overrides of `maxDeactivatePercent`, e.g. `{ enrollments: 25 }` around term rollover. */
  maxDeactivatePercentByEntity?: Partial<Record<RosterEntity, number>>;
}

/** Progress after each applied batch (and once when an entity finishes). */
export interface SyncProgress {
  entity: RosterEntity;
  /** Records of this entity read so far in this run. */
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** True once the entity's read finished and its deactivations were decided. */
  done: boolean;
}

/** One batch of records as read, handed to {@link SyncOptions.onBatch} once sync-core is done with it. */
export interface SyncBatch {
  entity: RosterEntity;
  /** The records in the order read, with their `raw` source payloads. */
  records: readonly RosterRecord[];
  /** True once reconciled (a dry run keeps nothing); false when a cancelled run dropped the batch unapplied. */
  applied: boolean;
  /** The issues stored right after this batch: its own, and connector issues reported while it was read. */
  issues: readonly RecordIssue[];
}

/** Where sync-core writes its log lines. Structured fields never hold secrets or record content. */
export interface SyncLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Options of {@link runSync}. */
export interface SyncOptions {
  connector: RosterConnectorV1;
  store: RosterStore;
  tenantId: string;
  providerId: string;
  /** A unique id for this run (the service's `SisSyncRun.id`); written with every change and issue. */
  runId: string;
  /**
   * `full`: read complete snapshots; rows missing from a complete read are deactivated.
   * `delta`: read changes since `since`; only `tobedeleted` records deactivate rows.
   */
  mode: 'full' | 'delta';
  /** Delta mode: a `Date` or the connector's opaque cursor. Required for `delta`. */
  since?: Date | string;
  /**
   * Compute stats, holds and planned changes and keep nothing: inside `store.withRollback` when the store has
   * it (exact), otherwise by reading and counting only.
   */
  dryRun?: boolean;
  /** Cancels the run: it stops between batches and ends `CANCELLED`. */
  signal?: AbortSignal;
  thresholds?: SyncThresholds;
  /** Create a platform user when a source user matches none by email or student number (default true). */
  createUnmatchedUsers?: boolean;
  /** Records per batch: each batch is a handful of store calls (default 5,000). */
  batchSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  /**
   * Called once per batch, in read order, on the run's store queue: after the batch is reconciled, or when a
   * cancelled run drops it unapplied. Awaited; a rejection after a reconciled batch stops the run like a
   * store failure (nothing is deactivated). The service stages the raw records of each batch here.
   */
  onBatch?: (batch: SyncBatch) => Promise<void> | void;
  logger?: SyncLogger;
}
