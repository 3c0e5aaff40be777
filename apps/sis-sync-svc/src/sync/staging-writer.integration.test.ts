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

  it('a sourcedId repeated within one batch keeps its first row, in batch order', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    await stageRecords(
      target,
      'enrollments',
      [enrollment('d-2', 'u-first'), enrollment('d-1', 'u-1'), enrollment('d-2', 'u-second')],
      { processed: true, errors: new Map() },
    );
    const rows = await pool.query(
      'SELECT external_id, user_external_id FROM sis_raw_enrollments WHERE run_id = $1 ORDER BY id',
      [target.runId],
    );
    expect(rows.rows).toEqual([
      { external_id: 'd-2', user_external_id: 'u-first' },
      { external_id: 'd-1', user_external_id: 'u-1' },
    ]);
  });

  it('an empty batch writes nothing', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    await stageRecords(target, 'users', [], { processed: true, errors: new Map() });
    const rows = await pool.query('SELECT count(*)::int AS count FROM sis_raw_users WHERE run_id = $1', [
      target.runId,
    ]);
    expect(rows.rows).toEqual([{ count: 0 }]);
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

/** Every column of a run's staged rows but the generated ones, in staging order. */
async function stagedRows(table: string, runId: string) {
  const result = await pool.query(`SELECT * FROM ${table} WHERE run_id = $1 ORDER BY id`, [runId]);
  return result.rows.map(({ id, run_id, provider_id, created_at, processed_at, ...row }) => ({
    ...row,
    stamped: processed_at !== null,
  }));
}

const flags = { processed: true, processing_error: null, stamped: true };

describe('stageRecords columns (the values the former INSERT … jsonb_array_elements wrote)', () => {
  const stub = (sourcedId: string) => ({ sourcedId, status: 'tobedeleted' });
  const unprocessedWithIssue = (sourcedId: string) => ({
    processed: false,
    errors: new Map([[sourcedId, 'a\tmulti\nline "issue" \\ here']]),
  });

  it('orgs → sis_raw_schools', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    const raw = { sourcedId: 'o-1', name: 'North High', type: 'school' };
    await stageRecords(
      target,
      'orgs',
      [
        {
          sourcedId: 'o-1',
          name: 'North High',
          type: 'school',
          identifier: 'NH-1',
          parentSourcedId: 'd-1',
          raw,
        } as never,
        stub('o-2'),
      ],
      { processed: true, errors: new Map() },
    );
    expect(await stagedRows('sis_raw_schools', target.runId)).toEqual([
      {
        external_id: 'o-1',
        record_status: 'active',
        name: 'North High',
        org_type: 'school',
        identifier: 'NH-1',
        parent_external_id: 'd-1',
        raw_json: raw,
        ...flags,
      },
      {
        external_id: 'o-2',
        record_status: 'tobedeleted',
        name: '',
        org_type: '',
        identifier: null,
        parent_external_id: null,
        raw_json: {},
        ...flags,
      },
    ]);
  });

  it('academicSessions → sis_raw_terms', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    await stageRecords(
      target,
      'academicSessions',
      [
        {
          sourcedId: 't-1',
          status: 'active',
          title: 'Fall',
          type: 'term',
          startDate: '2026-09-01',
          endDate: '2026-12-20',
          parentSourcedId: 'y-1',
        } as never,
        stub('t-2'),
      ],
      unprocessedWithIssue('t-2'),
    );
    expect(await stagedRows('sis_raw_terms', target.runId)).toEqual([
      {
        external_id: 't-1',
        record_status: 'active',
        title: 'Fall',
        session_type: 'term',
        start_date: '2026-09-01',
        end_date: '2026-12-20',
        parent_external_id: 'y-1',
        raw_json: {},
        processed: false,
        processing_error: null,
        stamped: false,
      },
      {
        external_id: 't-2',
        record_status: 'tobedeleted',
        title: '',
        session_type: '',
        start_date: null,
        end_date: null,
        parent_external_id: null,
        raw_json: {},
        processed: false,
        processing_error: 'a\tmulti\nline "issue" \\ here',
        stamped: false,
      },
    ]);
  });

  it('courses → sis_raw_courses', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    await stageRecords(
      target,
      'courses',
      [{ sourcedId: 'c-1', title: 'Algebra', courseCode: 'ALG', orgSourcedId: 'o-1' } as never, stub('c-2')],
      { processed: true, errors: new Map() },
    );
    expect(await stagedRows('sis_raw_courses', target.runId)).toEqual([
      {
        external_id: 'c-1',
        record_status: 'active',
        title: 'Algebra',
        course_code: 'ALG',
        org_external_id: 'o-1',
        raw_json: {},
        ...flags,
      },
      {
        external_id: 'c-2',
        record_status: 'tobedeleted',
        title: '',
        course_code: null,
        org_external_id: null,
        raw_json: {},
        ...flags,
      },
    ]);
  });

  it('classes → sis_raw_classes', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    await stageRecords(
      target,
      'classes',
      [
        {
          sourcedId: 'k-1',
          title: 'Algebra 1',
          classCode: 'ALG-1',
          courseSourcedId: 'c-1',
          schoolSourcedId: 'o-1',
          termSourcedIds: ['t-1', 't-2'],
        } as never,
        { sourcedId: 'k-3', title: 'Empty terms', schoolSourcedId: 'o-1', termSourcedIds: [] } as never,
        stub('k-2'),
      ],
      { processed: true, errors: new Map() },
    );
    expect(await stagedRows('sis_raw_classes', target.runId)).toEqual([
      {
        external_id: 'k-1',
        record_status: 'active',
        title: 'Algebra 1',
        class_code: 'ALG-1',
        course_external_id: 'c-1',
        school_external_id: 'o-1',
        term_external_ids: ['t-1', 't-2'],
        raw_json: {},
        ...flags,
      },
      {
        external_id: 'k-3',
        record_status: 'active',
        title: 'Empty terms',
        class_code: null,
        course_external_id: null,
        school_external_id: 'o-1',
        term_external_ids: [],
        raw_json: {},
        ...flags,
      },
      {
        external_id: 'k-2',
        record_status: 'tobedeleted',
        title: '',
        class_code: null,
        course_external_id: null,
        school_external_id: '',
        term_external_ids: [],
        raw_json: {},
        ...flags,
      },
    ]);
  });

  it('users → sis_raw_users', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    const raw = {
      sourcedId: 'u-1',
      givenName: 'Ada',
      orgSourcedIds: 'o-1,o-2',
      extra: { nested: [1, null, 'x'] },
    };
    await stageRecords(
      target,
      'users',
      [
        {
          sourcedId: 'u-1',
          role: 'student',
          givenName: 'Ada',
          familyName: 'Lovelace',
          email: 'ada@example.org',
          username: 'ada',
          identifier: 'S-1',
          orgSourcedIds: ['o-1', 'o-2'],
          raw,
        } as never,
        stub('u-2'),
      ],
      { processed: true, errors: new Map([['u-2', 'deleted user']]) },
    );
    expect(await stagedRows('sis_raw_users', target.runId)).toEqual([
      {
        external_id: 'u-1',
        record_status: 'active',
        role: 'student',
        given_name: 'Ada',
        family_name: 'Lovelace',
        email: 'ada@example.org',
        username: 'ada',
        identifier: 'S-1',
        org_external_ids: ['o-1', 'o-2'],
        raw_json: raw,
        ...flags,
      },
      {
        external_id: 'u-2',
        record_status: 'tobedeleted',
        role: '',
        given_name: '',
        family_name: '',
        email: null,
        username: null,
        identifier: null,
        org_external_ids: [],
        raw_json: {},
        ...flags,
        processing_error: 'deleted user',
      },
    ]);
  });

  it('enrollments → sis_raw_enrollments', async () => {
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    await stageRecords(
      target,
      'enrollments',
      [
        {
          sourcedId: 'e-1',
          classSourcedId: 'k-1',
          userSourcedId: 'u-1',
          schoolSourcedId: 'o-1',
          role: 'teacher',
          primary: true,
        } as never,
        {
          sourcedId: 'e-2',
          classSourcedId: 'k-1',
          userSourcedId: 'u-2',
          role: 'student',
          primary: false,
        } as never,
        stub('e-3'),
      ],
      { processed: true, errors: new Map() },
    );
    expect(await stagedRows('sis_raw_enrollments', target.runId)).toEqual([
      {
        external_id: 'e-1',
        record_status: 'active',
        class_external_id: 'k-1',
        user_external_id: 'u-1',
        school_external_id: 'o-1',
        role: 'teacher',
        primary: true,
        raw_json: {},
        ...flags,
      },
      {
        external_id: 'e-2',
        record_status: 'active',
        class_external_id: 'k-1',
        user_external_id: 'u-2',
        school_external_id: null,
        role: 'student',
        primary: false,
        raw_json: {},
        ...flags,
      },
      {
        external_id: 'e-3',
        record_status: 'tobedeleted',
        class_external_id: '',
        user_external_id: '',
        school_external_id: null,
        role: '',
        primary: false,
        raw_json: {},
        ...flags,
      },
    ]);
  });

  it('nasty text round-trips exactly in text, text[] and jsonb columns and in the first issue', async () => {
    const nasty = [
      'tab\there',
      'line\nbreak',
      'carriage\rreturn\r\n',
      'back\\slash \\N \\t \\\\',
      '\\N',
      'NULL',
      'double "quotes" and \'single\'',
      '{braces}',
      'com,ma',
      '',
      '  padded  ',
      'ünïcødé ß 漢字',
      'emoji 😀👩‍👩‍👧',
      '"{,}\\"',
    ];
    const target = { pool, runId: randomUUID(), providerId: randomUUID() };
    const records = nasty.map((value, index) => ({
      sourcedId: `n-${index}-${value}`,
      status: value,
      role: value,
      givenName: value,
      familyName: value,
      email: value,
      username: value,
      identifier: value,
      orgSourcedIds: [value, ...nasty],
      raw: { value, list: nasty },
    }));
    const errors = new Map(records.map((record) => [record.sourcedId, record.givenName]));
    await stageRecords(target, 'users', records, { processed: true, errors });
    expect(await stagedRows('sis_raw_users', target.runId)).toEqual(
      records.map((record) => ({
        external_id: record.sourcedId,
        record_status: record.status,
        role: record.role,
        given_name: record.givenName,
        family_name: record.familyName,
        email: record.email,
        username: record.username,
        identifier: record.identifier,
        org_external_ids: record.orgSourcedIds,
        raw_json: record.raw,
        processed: true,
        processing_error: record.givenName,
        stamped: true,
      })),
    );
  });
});
