import { type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import type { SimulatedDistrict } from '@aivo/sis-simulator';
import type pg from 'pg';

/** The roster table of each entity (users: the provider's links to platform users). */
export const rosterTableOf: Record<RosterEntity, string> = {
  orgs: 'roster_orgs',
  academicSessions: 'roster_academic_sessions',
  courses: 'roster_courses',
  classes: 'roster_classes',
  users: 'roster_user_links',
  enrollments: 'roster_enrollments',
};

/** One provider's roster as stored: active sourcedIds per entity, and counts that must stay zero. */
export interface RosterState {
  active: Record<RosterEntity, string[]>;
  inactive: Record<RosterEntity, number>;
  /** Rows sharing a sourcedId within the provider (must be 0). */
  duplicates: Record<RosterEntity, number>;
}

/** Reads a provider's roster state from the service's tables. */
export async function readRosterState(pool: pg.Pool, providerId: string): Promise<RosterState> {
  const state: RosterState = { active: {}, inactive: {}, duplicates: {} } as RosterState;
  for (const entity of rosterEntities) {
    const table = rosterTableOf[entity];
    const active = await pool.query<{ sourced_id: string }>(
      `SELECT sourced_id FROM ${table} WHERE provider_id = $1 AND active ORDER BY sourced_id`,
      [providerId],
    );
    state.active[entity] = active.rows.map((row) => row.sourced_id);
    const counts = await pool.query<{ inactive: number; duplicates: number }>(
      `SELECT count(*) FILTER (WHERE NOT active)::int AS inactive,
              (count(*) - count(DISTINCT sourced_id))::int AS duplicates
         FROM ${table} WHERE provider_id = $1`,
      [providerId],
    );
    state.inactive[entity] = counts.rows[0]!.inactive;
    state.duplicates[entity] = counts.rows[0]!.duplicates;
  }
  return state;
}

/** The sourcedIds a OneRoster server or CSV drop serves for a district (every record), sorted. */
export function groundTruthOf(district: SimulatedDistrict): Record<RosterEntity, string[]> {
  return Object.fromEntries(
    rosterEntities.map((entity) => [
      entity,
      [...district.records(entity)].map((record) => record.sourcedId).sort(),
    ]),
  ) as Record<RosterEntity, string[]>;
}

/** Lets a provider deactivate any share of its roster (the default 10 % hold would stop day-to-day tests). */
export async function allowAllDeactivations(pool: pg.Pool, providerId: string, percent = 100): Promise<void> {
  await pool.query(
    `INSERT INTO sis_provider_sync_state (provider_id, max_deactivate_percent) VALUES ($1, $2)
     ON CONFLICT (provider_id) DO UPDATE SET max_deactivate_percent = excluded.max_deactivate_percent`,
    [providerId, percent],
  );
}
