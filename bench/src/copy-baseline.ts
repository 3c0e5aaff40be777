import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RosterEntity } from '@aivo/connector-sdk';
import { oneRosterCsvFileNames, oneRosterCsvHeaders } from '@aivo/sis-simulator';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** What the COPY baseline loaded and how long it took. */
export interface CopyBaselineResult {
  rows: number;
  wallMs: number;
  /** Bytes the bare tables take on disk. */
  tableBytes: number;
}

const schema = 'copy_baseline';

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The physical floor a full sync is compared with: `COPY … FROM STDIN (FORMAT csv)` of the six OneRoster
 * roster files of `folder` into bare text tables (no keys, no indexes) in a `copy_baseline` schema, one
 * file after the other on one connection. The schema is dropped again after its size is taken, so it does
 * not count in the size of the synced database.
 */
export async function runCopyBaseline(pool: pg.Pool, folder: string): Promise<CopyBaselineResult> {
  const client = await pool.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    const tables: string[] = [];
    const entities = Object.keys(oneRosterCsvFileNames) as RosterEntity[];
    for (const entity of entities) {
      const fileName = oneRosterCsvFileNames[entity];
      const header = oneRosterCsvHeaders[entity];
      const table = `${schema}.${quoteIdentifier(fileName.replace(/\.csv$/, ''))}`;
      await client.query(
        `CREATE TABLE ${table} (${header.map((column) => `${quoteIdentifier(column)} text`).join(', ')})`,
      );
      tables.push(table);
    }
    let rows = 0;
    const started = performance.now();
    for (const [index, entity] of entities.entries()) {
      const fileName = oneRosterCsvFileNames[entity];
      const copy = client.query(copyFrom(`COPY ${tables[index]} FROM STDIN WITH (FORMAT csv, HEADER true)`));
      await pipeline(createReadStream(join(folder, fileName)), copy);
      rows += copy.rowCount ?? 0;
    }
    const wallMs = performance.now() - started;
    const size = await client.query<{ bytes: string }>(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [schema],
    );
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    return { rows, wallMs, tableBytes: Number(size.rows[0]!.bytes) };
  } finally {
    client.release();
  }
}
