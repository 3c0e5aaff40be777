import type { RosterEntity } from '@aivo/connector-sdk';

/** Counts for one entity in one run. */
export interface EntityStats {
  /** New rows for this provider (users: new links, whether to a new or a matched platform user). */
  created: number;
  /** Active rows whose content changed. */
  updated: number;
  /** Rows read with the same content hash: not written. */
  unchanged: number;
  /** Rows soft-deleted by this run (cascaded enrollments included). */
  deactivated: number;
  /** Inactive rows that came back. */
  reactivated: number;
  /** Records read but not applied: duplicates, broken references, unmatched or conflicting users. */
  skipped: number;
  /** Issues reported for this entity (by the connector and by sync-core). */
  issues: number;
  /** Deactivations held back by a safety threshold (not applied). */
  held: number;
  /** Users only: how many created links matched an existing platform user (by email or student number). */
  matched?: number;
}

/**
 * Statistics keyed the way SPEC.md shows them (`{ "schools": { "created": 2, … }, … }`):
 * `schools` (all orgs: districts and schools), `terms` (academic sessions), `courses`, `classes`, `users`,
 * `enrollments`.
 */
export type SyncStats = Record<StatsKey, EntityStats>;

/** The stats key of each roster entity. */
export const statsKeyByEntity = {
  orgs: 'schools',
  academicSessions: 'terms',
  courses: 'courses',
  classes: 'classes',
  users: 'users',
  enrollments: 'enrollments',
} as const satisfies Record<RosterEntity, string>;

export type StatsKey = (typeof statsKeyByEntity)[RosterEntity];

/** Empty counters for every entity. */
export function createEmptyStats(): SyncStats {
  const empty = (): EntityStats => ({
    created: 0,
    updated: 0,
    unchanged: 0,
    deactivated: 0,
    reactivated: 0,
    skipped: 0,
    issues: 0,
    held: 0,
  });
  return {
    schools: empty(),
    terms: empty(),
    courses: empty(),
    classes: empty(),
    users: { ...empty(), matched: 0 },
    enrollments: empty(),
  };
}
