import type pg from 'pg';

/** Staging tables, each keyed by run. */
export const stagingTables = [
  'sis_raw_schools',
  'sis_raw_terms',
  'sis_raw_courses',
  'sis_raw_classes',
  'sis_raw_users',
  'sis_raw_enrollments',
] as const;

/**
 * Deletes the staged rows of a provider's older runs, keeping those of its newest `keepRuns` runs for
 * debugging. Returns the number of rows deleted.
 */
export async function pruneStagedRuns(pool: pg.Pool, providerId: string, keepRuns: number): Promise<number> {
  const kept = await pool.query<{ id: string }>(
    'SELECT id FROM sis_sync_runs WHERE provider_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
    [providerId, keepRuns],
  );
  const keptIds = kept.rows.map((row) => row.id);
  let deleted = 0;
  for (const table of stagingTables) {
    const result = await pool.query(
      `DELETE FROM ${table} WHERE provider_id = $1 AND run_id <> ALL($2::uuid[])`,
      [providerId, keptIds],
    );
    deleted += result.rowCount ?? 0;
  }
  return deleted;
}
