import type { RowCreate, RowWrite } from '@aivo/sync-core';
import { copyTextChunks } from '../database/copy-text-format.js';

/** Which part of an `applyBatch` a row of the input table belongs to. */
export type BatchPart = 'create' | 'update' | 'reactivate';

/** One row to write, as the store's statements read it from the input table. */
export interface BatchInputRow {
  sourcedId: string;
  contentHash: string;
  record: RowWrite['record'];
  /** Users: the platform user the link points at (an existing one, or the id of the person to create). */
  userId?: string;
  /** Users: true when `userId` is a person this batch creates. */
  isNew?: boolean;
  matchedBy?: RowCreate['matchedBy'];
}

/**
 * A write batch is copied (`COPY … FROM STDIN`) into this temporary table of the store's connection and read
 * back by the batch's statements, instead of being sent as one JSON parameter that PostgreSQL had to parse
 * and unpack with `jsonb_array_elements` (several times slower; decision 0800). Rows are dropped at commit;
 * inside a dry run's outer transaction each batch empties it first.
 */
export const batchInputTable = 'pg_temp.roster_batch_input';

export const createBatchInputTable = `CREATE TEMP TABLE IF NOT EXISTS roster_batch_input (
    part text NOT NULL, position integer NOT NULL, sourced_id text NOT NULL, content_hash text NOT NULL,
    content jsonb NOT NULL, user_id uuid, is_new boolean NOT NULL, matched_by text
  ) ON COMMIT DELETE ROWS`;

export const copyBatchInput = `COPY ${batchInputTable}
  (part, position, sourced_id, content_hash, content, user_id, is_new, matched_by) FROM STDIN`;

/** The input rows of one part, as the `input` of a statement (`WITH input AS (…)`), in batch order. */
export function batchInputOf(part: BatchPart): string {
  return `SELECT sourced_id, content_hash, content, user_id, is_new, matched_by, position
    FROM ${batchInputTable} WHERE part = '${part}'`;
}

/** The rows of one part in COPY text format, in chunks of lines. */
export function batchInputLines(part: BatchPart, rows: ReadonlyArray<BatchInputRow>): Generator<string> {
  return copyTextChunks(
    rows.map((row, index) => [
      part,
      String(index + 1),
      row.sourcedId,
      row.contentHash,
      JSON.stringify(row.record),
      row.userId ?? null,
      row.isNew === true ? 't' : 'f',
      row.matchedBy ?? null,
    ]),
  );
}
