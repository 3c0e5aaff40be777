import type { RecordIssue, RosterEntity, RosterRecordByEntity } from '@aivo/connector-sdk';

/**
 * Every roster row belongs to one tenant (district) and one provider (SIS connection). All store calls are
 * scoped by both, so one store instance can serve every tenant.
 */
export interface RosterScope {
  tenantId: string;
  providerId: string;
}

/** The normalized content stored for a row: the connector's record without `raw`, `status` and `dateLastModified`. */
export type StoredRecord<Entity extends RosterEntity = RosterEntity> = Omit<
  RosterRecordByEntity[Entity],
  'raw' | 'status' | 'dateLastModified'
>;

/** What {@link RosterStore.findRows} returns for one existing row of this provider. */
export interface StoredRow {
  sourcedId: string;
  /** False once the row was soft-deleted (deactivated). Rows are never hard-deleted. */
  active: boolean;
  /** The {@link contentHash} of the content last written. */
  contentHash: string;
  /** Users only: the platform user (person) this provider's record is linked to. */
  userId?: string;
}

/**
 * A platform user (one per person per tenant) found by email or student number, with the sourcedIds of the
 * asking provider that are already linked to it (active or not). A user linked to a *different* sourcedId of
 * the same provider is never re-bound.
 */
export interface UserCandidate {
  userId: string;
  /** Normalized: trimmed and lower case. */
  email?: string;
  studentNumber?: string;
  /** sourcedIds of the asking provider linked to this user. Empty when only other providers link to it. */
  linkedSourcedIds: string[];
}

/** One record to write: its normalized content and content hash. */
export interface RowWrite<Entity extends RosterEntity = RosterEntity> {
  sourcedId: string;
  record: StoredRecord<Entity>;
  contentHash: string;
}

/**
 * A new row. For `users`, `userId` links the record to an existing platform user (matched by email or student
 * number); without it the store creates a new platform user from the record.
 */
export interface RowCreate<Entity extends RosterEntity = RosterEntity> extends RowWrite<Entity> {
  userId?: string;
  /** How an existing user was matched, kept in the change log. */
  matchedBy?: 'email' | 'studentNumber';
}

/** One seen-marker: the record was present (or announced deleted) in this run's read. */
export interface SeenEntry {
  sourcedId: string;
  /**
   * True when the record was accepted (written, unchanged, or — in a dry run — would be written). Only accepted
   * records count as known targets for references (an enrollment's class and user, a class's school).
   */
  accepted: boolean;
  /** True for a `tobedeleted` record: the source says it is gone. */
  deleted: boolean;
}

/**
 * Which rows a completed read deactivates.
 * - `absent` (full read): active rows with no seen-marker in this run, or whose marker says `deleted`.
 * - `markedDeleted` (delta read): only active rows whose seen-marker in this run says `deleted`.
 */
export type DeactivationRule = 'absent' | 'markedDeleted';

/** Selects the deactivation candidates of one entity in one run. */
export interface DeactivationSelection extends RosterScope {
  entity: RosterEntity;
  runId: string;
  rule: DeactivationRule;
}

/** An entry of the change log that the store keeps with every write. */
export interface RosterChange {
  runId: string;
  entity: RosterEntity;
  sourcedId: string;
  action: 'created' | 'updated' | 'reactivated' | 'deactivated';
  /** Users: the platform user concerned. */
  userId?: string;
  /** Why: a user `matchedBy` email/studentNumber, a deactivation `absent`, `markedDeleted`, `cascade` or `approved`. */
  reason?: string;
  /** Set when the change came from approving a held set. */
  heldId?: string;
}

/** Status of a held set of deactivations. `superseded`: a later run held the same entity again. */
export type HeldSetStatus = 'pending' | 'approved' | 'discarded' | 'superseded';

/** Deactivations that a safety threshold held back, waiting for an admin to approve or discard them. */
export interface HeldSet extends RosterScope {
  heldId: string;
  runId: string;
  entity: RosterEntity;
  status: HeldSetStatus;
  /** Rows held when the set was created (rows seen again later are released from the set). */
  count: number;
  /** Why it was held, in words an admin understands. */
  reason: string;
  createdAt: string;
}

/** The result of applying (approving) a held set. */
export interface HeldSetApplication {
  /** Rows deactivated now. */
  deactivated: number;
  /** Enrollments deactivated because their class or user was. */
  cascadedEnrollments: number;
  /** Held rows left alone because they were no longer active or were seen again since. */
  skipped: number;
}

/**
 * The storage port of sync-core. Everything is batched: each method is designed so that a PostgreSQL
 * implementation does it as ONE set-based statement (or one short transaction), never one query per row.
 *
 * **Rows.** Every roster row is tied to `(tenantId, providerId, entity, sourcedId)` and keeps its normalized
 * content, a content hash and an `active` flag (soft delete; rows are never hard-deleted). For `users` the row
 * is a *link* from a provider's sourcedId to a platform user; platform users are one per person per tenant and
 * may be linked from several providers.
 *
 * **Run ids** are opaque text chosen by the caller; a store must accept any (no foreign key requiring a run row:
 * the contract suite and dry runs use ids that exist nowhere else).
 *
 * **Seen-markers.** During a run, sync-core marks every sourcedId it read with {@link markSeen}, keyed by
 * `(tenantId, providerId, runId, entity, sourcedId)`. Markers are run-scoped scratch data (a Postgres store can keep them in an `UNLOGGED` table keyed by run id): they never
 * change a roster row, so a dry run may write them. "Unseen" rows — the ones a complete read deactivates — are
 * then found with one anti-join, without holding every id in memory. {@link clearSeen} drops a run's markers.
 *
 * **Consistency.** Each write method is atomic on its own (one transaction). sync-core never relies on several
 * calls being atomic together: a run stopped between calls leaves the roster consistent.
 *
 * Test an implementation with `describeRosterStoreContract` from `@aivo/sync-core/testing`.
 */
export interface RosterStore {
  /**
   * Existing rows (active or not) of this provider and entity among `sourcedIds`. Unknown ids are left out.
   * Postgres: `SELECT … WHERE tenant_id=$1 AND provider_id=$2 AND entity=$3 AND sourced_id = ANY($4)`.
   */
  findRows(input: RosterScope & { entity: RosterEntity; sourcedIds: string[] }): Promise<StoredRow[]>;

  /**
   * The subset of `sourcedIds` that are known targets for references: rows of this provider and entity that are
   * active, or sourcedIds marked seen and `accepted` in `runId` (so a dry run sees what it would have created).
   */
  findKnownSourcedIds(
    input: RosterScope & { entity: RosterEntity; runId: string; sourcedIds: string[] },
  ): Promise<string[]>;

  /**
   * Platform users of the tenant whose email, trimmed and lower-cased, is one of `emails` (given normalized).
   * `linkedSourcedIds` lists the asking provider's user sourcedIds linked to each.
   */
  findUsersByEmail(input: RosterScope & { emails: string[] }): Promise<UserCandidate[]>;

  /** Platform users of the tenant whose student number (a student's `identifier`) is one of `studentNumbers`. */
  findUsersByStudentNumber(input: RosterScope & { studentNumbers: string[] }): Promise<UserCandidate[]>;

  /**
   * Records that these sourcedIds were read in `runId`, and returns those already marked in the same run
   * (duplicates within one read; their first marker is kept unchanged). The entries of one call have distinct
   * sourcedIds (sync-core removes duplicates within a batch itself).
   * Postgres: `INSERT … ON CONFLICT DO NOTHING RETURNING sourced_id`, the duplicates being the ones not returned.
   */
  markSeen(
    input: RosterScope & { entity: RosterEntity; runId: string; entries: SeenEntry[] },
  ): Promise<{ duplicates: string[] }>;

  /**
   * Writes one batch atomically and appends a change-log entry for every row written:
   * - `creates`: new rows (users: a link, plus a new platform user unless `userId` is given);
   * - `updates`: active rows whose content changed;
   * - `reactivations`: inactive rows seen again, written with their current content and made active.
   * For users, creates/updates/reactivations also refresh the platform user's email, student number and names
   * (fields the record leaves blank keep their value). A batch that fails (e.g. a create whose sourcedId exists,
   * or a `userId` of another tenant) throws and writes nothing.
   */
  applyBatch(
    input: RosterScope & {
      entity: RosterEntity;
      runId: string;
      creates: RowCreate[];
      updates: RowWrite[];
      reactivations: RowWrite[];
    },
  ): Promise<void>;

  /** Number of active rows of this provider and entity. */
  countActive(input: RosterScope & { entity: RosterEntity }): Promise<number>;

  /**
   * Optional. Whether this provider has any row of `entity`, active or not. When it has none as a read begins
   * (a provider's first sync), sync-core skips {@link findRows} for that entity's batches: the only rows that
   * could exist are the ones this run creates, and a sourcedId read again is caught by {@link markSeen} as a
   * duplicate. Postgres: `SELECT EXISTS (SELECT 1 FROM … WHERE tenant_id = $1 AND provider_id = $2)`.
   */
  hasRows?(input: RosterScope & { entity: RosterEntity }): Promise<boolean>;

  /** How many rows the selection would deactivate, and the first `sampleSize` of their sourcedIds in ascending order. */
  findDeactivationCandidates(
    input: DeactivationSelection & { sampleSize: number },
  ): Promise<{ count: number; sample: string[] }>;

  /**
   * Deactivates the selected rows, recording `runId` as the run that did it and a change-log entry for each.
   * Deactivating `classes` or `users` also deactivates this provider's active enrollments that point at them.
   */
  deactivate(input: DeactivationSelection): Promise<{ deactivated: number; cascadedEnrollments: number }>;

  /**
   * Stores the selected rows as a pending held set instead of deactivating them, and marks earlier pending sets
   * of the same provider and entity `superseded`. Returns the new set.
   */
  holdDeactivations(input: DeactivationSelection & { reason: string }): Promise<HeldSet>;

  /** Removes from this provider's pending held sets of `entity` every sourcedId seen present (not deleted) in `runId`. */
  releaseSeenFromHolds(input: RosterScope & { entity: RosterEntity; runId: string }): Promise<void>;

  /** Held sets of the provider, newest first; `status` filters. */
  listHeldSets(input: RosterScope & { status?: HeldSetStatus }): Promise<HeldSet[]>;

  /** The first `limit` sourcedIds (ascending) still in a held set. Throws for an unknown held set. */
  listHeldSourcedIds(input: RosterScope & { heldId: string; limit: number }): Promise<string[]>;

  /**
   * Applies a pending held set: deactivates exactly its remaining rows that are still active (cascading to
   * enrollments as {@link deactivate} does), records change-log entries with the held set's run id and
   * `heldId`, and marks the set `approved`. A set that is not pending changes nothing and is returned as is.
   * Throws for a held set that does not exist for this tenant and provider (as do the other held-set methods).
   */
  approveHeldSet(input: RosterScope & { heldId: string }): Promise<{ heldSet: HeldSet } & HeldSetApplication>;

  /** Marks a pending held set `discarded`; its rows stay active. */
  discardHeldSet(input: RosterScope & { heldId: string }): Promise<HeldSet>;

  /** Appends issues found in a run (connector issues and sync issues). */
  recordIssues(input: RosterScope & { runId: string; issues: RecordIssue[] }): Promise<void>;

  /** The issues recorded for a run, in the order recorded. */
  listIssues(input: RosterScope & { runId: string }): AsyncIterable<RecordIssue>;

  /** The change-log entries written by a run (including approvals of its held sets), in order. */
  listChanges(input: RosterScope & { runId: string }): AsyncIterable<RosterChange>;

  /** Drops the seen-markers of a run. Called when the run ends, whatever its outcome. */
  clearSeen(input: RosterScope & { runId: string }): Promise<void>;

  /**
   * Optional. Runs `work` against a view of this store whose writes are all discarded when `work` settles,
   * and returns (or throws) what `work` did. Postgres: `BEGIN`, `work(storeOnThatConnection)`, `ROLLBACK`.
   * When present, dry runs execute the real reconciliation inside it, so their stats, holds and cascades are
   * exactly those of a real run; without it, dry runs only read and count (see the README for the limits).
   */
  withRollback?<Result>(work: (store: RosterStore) => Promise<Result>): Promise<Result>;
}
