import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, type RowWrite, type StoredRecord } from '@aivo/sync-core';
import { describeRosterStoreContract } from '@aivo/sync-core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../database/apply-migrations.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../database/embedded-database.js';
import { createPostgresRosterStore } from './postgres-roster-store.js';

let folder: string;
let database: EmbeddedDatabase;
let pool: pg.Pool;

// File-level hooks run before the contract suite's own, so it gets a migrated database.
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sis-sync-roster-store-'));
  database = await startEmbeddedDatabase({ directory: join(folder, 'postgres'), password: 'test-password' });
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  await applyMigrations(pool);
});

afterAll(async () => {
  await pool?.end();
  await database?.stop();
  await rm(folder, { recursive: true, force: true });
});

// sync-core's store contract on a real PostgreSQL with the service's migrations applied. A page size of 1
// exercises the paging of issues and changes.
describeRosterStoreContract('postgres', () => createPostgresRosterStore({ pool, pageSize: 1 }));

function write(sourcedId: string, fields: Record<string, unknown>): RowWrite {
  const record = { sourcedId, ...fields } as StoredRecord;
  return { sourcedId, record, contentHash: contentHash(record) };
}

const student = (sourcedId: string, email: string) =>
  write(sourcedId, {
    role: 'student',
    givenName: 'Ana',
    familyName: 'Lee',
    email,
    identifier: `n-${sourcedId}`,
    enabledUser: true,
    orgSourcedIds: ['school-1'],
    userIds: [],
    agentSourcedIds: [],
    grades: ['05'],
  });

describe('postgres roster store: the schema downstream services read', () => {
  const scope = () => ({ tenantId: `tenant-${randomUUID()}`, providerId: randomUUID() });

  it('fills the typed columns and the full record of each table', async () => {
    const store = createPostgresRosterStore({ pool });
    const target = scope();
    const roster = write('class-1', {
      title: 'Algebra',
      classCode: 'ALG-1',
      classType: 'scheduled',
      schoolSourcedId: 'school-1',
      courseSourcedId: 'course-1',
      termSourcedIds: ['term-1', 'term-2'],
      grades: [],
      subjects: [],
      subjectCodes: [],
      periods: [],
    });
    await store.applyBatch({
      ...target,
      entity: 'classes',
      runId: 'run-1',
      creates: [roster],
      updates: [],
      reactivations: [],
    });
    await store.applyBatch({
      ...target,
      entity: 'users',
      runId: 'run-1',
      creates: [student('u-1', ' Ana.Lee@School.org ')],
      updates: [],
      reactivations: [],
    });
    const classes = await pool.query(
      'SELECT title, class_code, school_sourced_id, course_sourced_id, term_sourced_ids, content_json FROM roster_classes WHERE tenant_id = $1',
      [target.tenantId],
    );
    expect(classes.rows).toEqual([
      {
        title: 'Algebra',
        class_code: 'ALG-1',
        school_sourced_id: 'school-1',
        course_sourced_id: 'course-1',
        term_sourced_ids: ['term-1', 'term-2'],
        content_json: roster.record,
      },
    ]);
    const users = await pool.query(
      `SELECT person.email, person.identifier, person.given_name, person.grades, link.org_sourced_ids
         FROM roster_users person JOIN roster_user_links link ON link.user_id = person.id
        WHERE person.tenant_id = $1`,
      [target.tenantId],
    );
    expect(users.rows).toEqual([
      {
        email: 'ana.lee@school.org',
        identifier: 'n-u-1',
        given_name: 'Ana',
        grades: ['05'],
        org_sourced_ids: ['school-1'],
      },
    ]);
    const changes = await pool.query(
      'SELECT entity, kind, sourced_id, after_json FROM roster_changes WHERE tenant_id = $1 ORDER BY id',
      [target.tenantId],
    );
    // A creation's content is the row's own (and the first update's before-image): it is not written twice.
    expect(changes.rows.map((row) => [row.entity, row.kind, row.sourced_id, row.after_json])).toEqual([
      ['classes', 'created', 'class-1', null],
      ['users', 'created', 'u-1', null],
    ]);
  });

  it('keeps the old content in the change log and deactivates a person only when no provider links them', async () => {
    const store = createPostgresRosterStore({ pool });
    const first = scope();
    const second = { ...first, providerId: randomUUID() };
    await store.applyBatch({
      ...first,
      entity: 'users',
      runId: 'run-1',
      creates: [student('u-1', 'ana@school.org')],
      updates: [],
      reactivations: [],
    });
    const [link] = await store.findRows({ ...first, entity: 'users', sourcedIds: ['u-1'] });
    await store.applyBatch({
      ...second,
      entity: 'users',
      runId: 'run-b',
      creates: [{ ...student('b-1', 'ana@school.org'), userId: link!.userId!, matchedBy: 'email' }],
      updates: [],
      reactivations: [],
    });
    await store.applyBatch({
      ...first,
      entity: 'users',
      runId: 'run-2',
      creates: [],
      updates: [student('u-1', 'ana.new@school.org')],
      reactivations: [],
    });
    const updated = await pool.query(
      `SELECT before_json->>'email' AS before, after_json->>'email' AS after FROM roster_changes
        WHERE tenant_id = $1 AND run_id = 'run-2'`,
      [first.tenantId],
    );
    expect(updated.rows).toEqual([{ before: 'ana@school.org', after: 'ana.new@school.org' }]);

    const personActive = async () =>
      (await pool.query('SELECT active FROM roster_users WHERE id = $1', [link!.userId])).rows[0]?.active;
    await store.deactivate({ ...first, entity: 'users', runId: 'run-3', rule: 'absent' });
    expect(await personActive()).toBe(true);
    await store.deactivate({ ...second, entity: 'users', runId: 'run-4', rule: 'absent' });
    expect(await personActive()).toBe(false);
  });

  it('stores issue locations readably for the run pages, and deleting a run deletes its issues and changes', async () => {
    const store = createPostgresRosterStore({ pool });
    const provider = await pool.query<{ id: string }>(
      `INSERT INTO sis_providers (tenant_id, provider_type, name, config_json, config_key_id)
       VALUES ('t-issues', 'ONEROSTER_CSV', 'CSV', 'x', 'k') RETURNING id`,
    );
    const providerId = provider.rows[0]!.id;
    const run = await pool.query<{ id: string }>(
      `INSERT INTO sis_sync_runs (provider_id, tenant_id, status, triggered_by) VALUES ($1, 't-issues', 'SUCCESS', 'test') RETURNING id`,
      [providerId],
    );
    const runId = run.rows[0]!.id;
    const target = { tenantId: 't-issues', providerId };
    await store.recordIssues({
      ...target,
      runId,
      issues: [
        {
          entity: 'users',
          severity: 'error',
          code: 'invalid_record',
          message: 'bad date',
          location: { file: 'users.csv', line: 7 },
        },
        {
          entity: 'classes',
          severity: 'warning',
          code: 'x',
          message: 'y',
          location: { url: 'https://sis/x' },
        },
      ],
    });
    await store.applyBatch({
      ...target,
      entity: 'orgs',
      runId,
      creates: [write('s-1', { name: 'School', type: 'school' })],
      updates: [],
      reactivations: [],
    });
    const locations = await pool.query('SELECT location FROM sis_run_issues WHERE run_id = $1 ORDER BY id', [
      runId,
    ]);
    expect(locations.rows.map((row) => row.location)).toEqual(['users.csv:7', 'https://sis/x']);
    await pool.query('DELETE FROM sis_providers WHERE id = $1', [providerId]);
    const left = await pool.query(
      `SELECT (SELECT count(*) FROM sis_run_issues WHERE run_id = $1)::int AS issues,
              (SELECT count(*) FROM roster_changes WHERE run_id = $1)::int AS changes,
              (SELECT count(*) FROM roster_orgs WHERE provider_id = $2)::int AS rows`,
      [runId, providerId],
    );
    // Roster rows stay (never hard-deleted); the run's records go with the run.
    expect(left.rows[0]).toEqual({ issues: 0, changes: 0, rows: 1 });
  });
});

describe('postgres roster store: one person per email per tenant', () => {
  it('links two providers creating the same new emails at once to one person each', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const emails = Array.from({ length: 20 }, (_, index) => `person-${index}@school.org`);
    // Each provider runs on its own pool, so the two batches really are concurrent transactions.
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: database.url, max: 2 }));
    try {
      const providers = [randomUUID(), randomUUID()];
      await Promise.all(
        providers.map((providerId, index) =>
          createPostgresRosterStore({ pool: pools[index]! }).applyBatch({
            tenantId,
            providerId,
            entity: 'users',
            runId: randomUUID(),
            // Neither provider's matching saw the other's person: both ask to create.
            creates: emails.map((email, position) =>
              // The second provider writes the emails in another case and order.
              index === 0
                ? student(`a-${position}`, email)
                : student(`b-${position}`, ` ${email.toUpperCase()}`),
            ),
            updates: [],
            reactivations: [],
          }),
        ),
      );
      const people = await pool.query<{ email: string; links: number }>(
        `SELECT person.email, count(link.id)::int AS links
           FROM roster_users person JOIN roster_user_links link ON link.user_id = person.id
          WHERE person.tenant_id = $1 AND person.active GROUP BY person.id ORDER BY person.email`,
        [tenantId],
      );
      expect(people.rows).toEqual([...emails].sort().map((email) => ({ email, links: 2 })));
      const linkedByEmail = await pool.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM roster_changes WHERE tenant_id = $1 AND kind = 'created' AND reason = 'email'`,
        [tenantId],
      );
      expect(linkedByEmail.rows[0]?.count).toBe(emails.length);
    } finally {
      await Promise.all(pools.map((each) => each.end()));
    }
  });
});
