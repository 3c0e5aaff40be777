import type { RecordIssue, RosterEntity } from '@aivo/connector-sdk';
import type { StatsKey, SyncStats } from './sync-stats.js';

/**
 * - `SUCCESS`: every entity read completely and everything applied.
 * - `PARTIAL`: something applied, but a read failed, or deactivations were held or skipped; see `errorMessage`
 *   and `held`.
 * - `FAILURE`: nothing could be read, the options were wrong, or the store failed (the run stopped there).
 * - `CANCELLED`: the signal aborted the run; batches applied before it stay applied.
 */
export type SyncStatus = 'SUCCESS' | 'PARTIAL' | 'FAILURE' | 'CANCELLED';

/** Issue counts and a bounded sample; every issue is also written to the store (except in dry runs). */
export interface SyncIssueSummary {
  total: number;
  byCode: Record<string, number>;
  byEntity: Partial<Record<RosterEntity, number>>;
  /** The first issues of the run (at most 100). */
  sample: RecordIssue[];
}

/** Deactivations of one entity held back by a safety threshold. */
export interface HeldDeactivations {
  entity: RosterEntity;
  /** Pass it to `approveHeld` or `discardHeld`. Absent in a dry run (nothing is stored). */
  heldId?: string;
  /** Rows that would have been deactivated. */
  count: number;
  /** Active rows of the entity before the run. */
  activeBefore: number;
  reason: string;
  /** Some of the held sourcedIds. */
  sample: string[];
}

/** One change a dry run would make. */
export interface PlannedChange {
  action: 'create' | 'update' | 'reactivate' | 'deactivate';
  sourcedId: string;
  /** Users linked to an existing platform user. */
  matchedBy?: 'email' | 'studentNumber';
}

/** The outcome of {@link runSync}. Expected problems are reported here, never thrown. */
export interface SyncResult {
  status: SyncStatus;
  stats: SyncStats;
  issues: SyncIssueSummary;
  held?: HeldDeactivations[];
  /** What went wrong, for the run history, when status is not `SUCCESS`. */
  errorMessage?: string;
  /** Entities not read and reconciled to the end (failed, cancelled or never reached): none of their rows was deactivated. */
  incompleteEntities: RosterEntity[];
  /** Dry runs: a sample of the changes per entity (at most 20 per action). */
  plannedChanges?: Partial<Record<StatsKey, PlannedChange[]>>;
}
