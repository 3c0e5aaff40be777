import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RosterEntity } from '@aivo/connector-sdk';
import type { SyncBatch } from '@aivo/sync-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { withPooledClient } from '../database/with-pooled-client.js';
import { copyTextRows } from './staging-copy-rows.js';
import { type StagingTable, stagingTables } from './staging-tables.js';

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

/** The connection's scratch table a batch is copied into before it is inserted (emptied at every commit). */
function scratchTableOf(table: StagingTable): string {
  return `pg_temp.${table.name}_copy`;
}

function createScratchTable(table: StagingTable): string {
  const columns = Object.entries(table.columns)
    .map(([column, { type }]) => `, "${column}" ${type}`)
    .join('');
  return `CREATE TEMP TABLE IF NOT EXISTS ${scratchTableOf(table)}
            (ordinal integer, external_id text, record_status text, raw_json jsonb, processing_error text${columns})
            ON COMMIT DELETE ROWS`;
}

/**
 * Writes one batch of extracted records to the entity's `sis_raw_*` table, once the run is done with it:
 * external id, record status, normalized columns, the untouched source payload (`raw_json`) and the
 * processing flags. Each row is written once, complete: flagging rows processed afterwards rewrote every
 * staged row and cost a seventh of a run (decision 0800). A sourcedId staged twice in one run keeps its
 * first row (the duplicate is an issue of the run, not a staging failure).
 *
 * The rows go through `COPY … FROM STDIN` into a temporary table and from there into the staging table in
 * one INSERT that skips sourcedIds an earlier batch of the run staged (decision 0801): COPY alone cannot
 * skip a conflict, and sending the batch as one JSON parameter cost PostgreSQL and Node far more.
 */
export async function stageRecords(
  target: StagingTarget,
  entity: RosterEntity,
  records: ReadonlyArray<{ sourcedId: string; status?: string; raw?: Record<string, unknown> }>,
  outcome: StagedOutcome,
): Promise<void> {
  if (records.length === 0) return;
  const table = stagingTables[entity];
  const columns = Object.keys(table.columns)
    .map((column) => `, "${column}"`)
    .join('');
  await withPooledClient(target.pool, async (client) => {
    // A failure anywhere below destroys the connection (withPooledClient), which also ends the transaction.
    await client.query('BEGIN');
    await client.query(createScratchTable(table));
    const copy = client.query(
      copyFrom(
        `COPY ${scratchTableOf(table)} (ordinal, external_id, record_status, raw_json, processing_error${columns}) FROM STDIN`,
      ),
    );
    await pipeline(Readable.from(copyTextRows(table, records, outcome.errors)), copy);
    await client.query(
      `INSERT INTO ${table.name} (run_id, provider_id, external_id, record_status, raw_json, processed, processed_at, processing_error${columns})
       SELECT $1, $2, external_id, record_status, raw_json, $3::boolean, CASE WHEN $3::boolean THEN now() END, processing_error${columns}
         FROM ${scratchTableOf(table)}
        ORDER BY ordinal
       ON CONFLICT (run_id, external_id) DO NOTHING`,
      [target.runId, target.providerId, outcome.processed],
    );
    await client.query('COMMIT');
  });
}
