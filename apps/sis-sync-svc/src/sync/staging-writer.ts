import type { RosterEntity } from '@aivo/connector-sdk';
import type { SyncBatch } from '@aivo/sync-core';
import type pg from 'pg';
import { stagingTables } from './staging-tables.js';

/** Where a run stages what it extracts. */
export interface StagingTarget {
  pool: pg.Pool;
  runId: string;
  providerId: string;
}

/** How a staged batch was processed: `processed` rows were loaded; `errors` gives a sourcedId's first issue. */
export interface StagedOutcome {
  processed: boolean;
  errors: ReadonlyMap<string, string>;
}

/** The first issue message of each sourcedId among a batch's issues (why a row was skipped or not matched). */
export function firstIssueBySourcedId(issues: SyncBatch['issues']): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    if (issue.sourcedId !== undefined && !errors.has(issue.sourcedId))
      errors.set(issue.sourcedId, issue.message);
  }
  return errors;
}

/**
 * Writes one batch of extracted records to the entity's `sis_raw_*` table in one statement, once the run is
 * done with it: external id, record status, normalized columns, the untouched source payload (`raw_json`)
 * and the processing flags. Each row is written once, complete: flagging rows processed afterwards rewrote
 * every staged row and cost a seventh of a run (decision 0800). A sourcedId staged twice in one run keeps
 * its first row (the duplicate is an issue of the run, not a staging failure).
 */
export async function stageRecords(
  target: StagingTarget,
  entity: RosterEntity,
  records: ReadonlyArray<{ sourcedId: string; status?: string; raw?: Record<string, unknown> }>,
  outcome: StagedOutcome,
): Promise<void> {
  if (records.length === 0) return;
  const table = stagingTables[entity];
  const columns = Object.keys(table.columns);
  const errors = records.map((record) => outcome.errors.get(record.sourcedId) ?? null);
  await target.pool.query(
    `INSERT INTO ${table.name} (run_id, provider_id, external_id, record_status, raw_json, processed, processed_at, processing_error${columns.map((column) => `, "${column}"`).join('')})
     SELECT $1, $2, record->>'sourcedId', coalesce(record->>'status', 'active'), coalesce(record->'raw', '{}'::jsonb),
            $4::boolean, CASE WHEN $4::boolean THEN now() END, ($5::text[])[position]${Object.values(
              table.columns,
            )
              .map((expression) => `, ${expression}`)
              .join('')}
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS batch(record, position)
      ORDER BY position
     ON CONFLICT (run_id, external_id) DO NOTHING`,
    [target.runId, target.providerId, JSON.stringify(records), outcome.processed, errors],
  );
}
