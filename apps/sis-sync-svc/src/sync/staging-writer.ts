import { type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import type pg from 'pg';
import { stagingTables } from './staging-tables.js';

/** Where and how a run stages what it extracts. */
export interface StagingTarget {
  pool: pg.Pool;
  runId: string;
  providerId: string;
}

/**
 * Inserts one batch of extracted records into the entity's `sis_raw_*` table in one statement: external id,
 * record status, normalized columns and the untouched source payload (`raw_json`). A sourcedId staged twice
 * in one run keeps its first row (the duplicate is an issue of the run, not a staging failure).
 */
export async function stageRecords(
  target: StagingTarget,
  entity: RosterEntity,
  records: ReadonlyArray<{ sourcedId: string; status?: string; raw?: Record<string, unknown> }>,
): Promise<void> {
  if (records.length === 0) return;
  const table = stagingTables[entity];
  const columns = Object.keys(table.columns);
  await target.pool.query(
    `INSERT INTO ${table.name} (run_id, provider_id, external_id, record_status, raw_json${columns.map((column) => `, "${column}"`).join('')})
     SELECT $1, $2, record->>'sourcedId', coalesce(record->>'status', 'active'), coalesce(record->'raw', '{}'::jsonb)${Object.values(
       table.columns,
     )
       .map((expression) => `, ${expression}`)
       .join('')}
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS batch(record, position)
      ORDER BY position
     ON CONFLICT (run_id, external_id) DO NOTHING`,
    [target.runId, target.providerId, JSON.stringify(records)],
  );
}

/**
 * Marks a finished run's staged rows processed, and notes on each row the first issue the run recorded for
 * its sourcedId (why it was skipped or not matched): two set-based statements per staging table.
 */
export async function markStagedRowsProcessed(target: StagingTarget): Promise<void> {
  for (const entity of rosterEntities) {
    const table = stagingTables[entity].name;
    await target.pool.query(
      `UPDATE ${table} SET processed = true, processed_at = now()
        WHERE run_id = $1 AND provider_id = $2 AND NOT processed`,
      [target.runId, target.providerId],
    );
    await target.pool.query(
      `UPDATE ${table} staged SET processing_error = issue.message
         FROM (SELECT DISTINCT ON (sourced_id) sourced_id, message FROM sis_run_issues
                WHERE run_id = $1::text AND entity = $3 AND sourced_id IS NOT NULL
                ORDER BY sourced_id, id) issue
        WHERE staged.run_id = $1::uuid AND staged.provider_id = $2::uuid AND staged.external_id = issue.sourced_id`,
      [target.runId, target.providerId, entity],
    );
  }
}
