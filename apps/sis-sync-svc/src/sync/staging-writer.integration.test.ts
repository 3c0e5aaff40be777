import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../database/apply-migrations.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../database/embedded-database.js';
import { createStagingQueue } from './create-staging-queue.js';
import { firstIssueBySourcedId, stageRecords } from './staging-writer.js';

let folder: string;
let database: EmbeddedDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sis-sync-staging-'));
  database = await startEmbeddedDatabase({ directory: join(folder, 'postgres'), password: 'test-password' });
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await applyMigrations(pool);
});

afterAll(async () => {
  await pool?.end();
  await database?.stop();
  await rm(folder, { recursive: true, force: true });
});

const enrollment = (sourcedId: string, userSourcedId: string) => ({
  sourcedId,
  status: 'active',
  classSourcedId: 'class-1',
  userSourcedId,
  role: 'student',
  primary: false,
  raw: { sourcedId, classSourcedId: 'class-1', userSourcedId, role: 'student' },
});

describe('stageRecords', () => {
  it('writes each row once with its payload, processing flags and first issue; a repeated sourcedId keeps its first row', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    const errors = firstIssueBySourcedId([
      {
        entity: 'enrollments',
        severity: 'error',
        code: 'unknown_user',
        sourcedId: 'e-2',
        message: 'user u-404 is unknown',
      },
      {
        entity: 'enrollments',
        severity: 'error',
        code: 'later',
        sourcedId: 'e-2',
        message: 'a second issue',
      },
      { entity: 'enrollments', severity: 'warning', code: 'no_id', message: 'an issue with no record' },
    ]);
    await stageRecords(target, 'enrollments', [enrollment('e-1', 'u-1'), enrollment('e-2', 'u-404')], {
      processed: true,
      errors,
    });
    await stageRecords(target, 'enrollments', [enrollment('e-1', 'u-other')], {
      processed: false,
      errors: new Map(),
    });
    const rows = await pool.query(
      `SELECT external_id, user_external_id, raw_json->>'userSourcedId' AS raw_user, processed,
              processed_at IS NOT NULL AS stamped, processing_error
         FROM sis_raw_enrollments WHERE run_id = $1 ORDER BY id`,
      [target.runId],
    );
    expect(rows.rows).toEqual([
      {
        external_id: 'e-1',
        user_external_id: 'u-1',
        raw_user: 'u-1',
        processed: true,
        stamped: true,
        processing_error: null,
      },
      {
        external_id: 'e-2',
        user_external_id: 'u-404',
        raw_user: 'u-404',
        processed: true,
        stamped: true,
        processing_error: 'user u-404 is unknown',
      },
    ]);
  });

  it('stages an unprocessed batch (dry run, cancelled) without a processing time', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    await stageRecords(target, 'enrollments', [enrollment('e-9', 'u-9')], {
      processed: false,
      errors: new Map(),
    });
    const rows = await pool.query(
      'SELECT processed, processed_at FROM sis_raw_enrollments WHERE run_id = $1',
      [target.runId],
    );
    expect(rows.rows).toEqual([{ processed: false, processed_at: null }]);
  });

  it('the staging queue writes batches in order beside the caller, and a failed write fails the next batch and drain', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    const queue = createStagingQueue(target, { dryRun: false });
    const batch = (ids: string[], applied = true) => ({
      entity: 'enrollments' as const,
      records: ids.map((id) => enrollment(id, `u-${id}`)) as never,
      applied,
      issues: [],
    });
    await queue.stage(batch(['a-1', 'a-2']));
    await queue.stage(batch(['a-3'], false));
    await queue.drain();
    const rows = await pool.query(
      'SELECT external_id, processed FROM sis_raw_enrollments WHERE run_id = $1 ORDER BY id',
      [target.runId],
    );
    expect(rows.rows).toEqual([
      { external_id: 'a-1', processed: true },
      { external_id: 'a-2', processed: true },
      { external_id: 'a-3', processed: false },
    ]);

    // A record without a sourcedId cannot be staged (external_id is NOT NULL): the write after it hears of it.
    const failing = createStagingQueue(target, { dryRun: false });
    await failing.stage({ ...batch([]), records: [{ status: 'active' }] as never });
    await expect(failing.stage(batch(['b-1']))).rejects.toThrow(/external_id/);
    await expect(failing.drain()).rejects.toThrow(/external_id/);
  });
});
