import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, defaultMigrationsDirectory } from './apply-migrations.js';
import { createPrismaClient } from './create-prisma-client.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database.js';

let folder: string;
let database: EmbeddedDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sis-sync-migrations-'));
  database = await startEmbeddedDatabase({ directory: join(folder, 'postgres'), password: 'test-password' });
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
});

afterAll(async () => {
  await pool?.end();
  await database?.stop();
  await rm(folder, { recursive: true, force: true });
});

describe('startEmbeddedDatabase', () => {
  it('reuses a server already running on the data folder and leaves it running', async () => {
    const second = await startEmbeddedDatabase({
      directory: join(folder, 'postgres'),
      password: 'test-password',
    });
    expect(second).toMatchObject({ adopted: true, port: database.port, url: database.url });
    await second.stop();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(database.adopted).toBe(false);
  });
});

describe('applyMigrations', () => {
  it('applies every migration once even when replicas start together', async () => {
    const results = await Promise.all([applyMigrations(pool), applyMigrations(pool), applyMigrations(pool)]);
    const migrationNames = (await readdir(defaultMigrationsDirectory(), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(migrationNames.sort());
    expect(results.map((result) => result.applied.length + result.alreadyApplied.length)).toEqual(
      results.map(() => migrationNames.length),
    );
    const recorded = await pool.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations"',
    );
    expect(recorded.rows).toHaveLength(migrationNames.length);
    for (const row of recorded.rows) {
      expect(row).toMatchObject({
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
        applied_steps_count: 1,
        rolled_back_at: null,
      });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    expect(await applyMigrations(pool)).toEqual({ applied: [], alreadyApplied: migrationNames.sort() });
  });

  it('creates the tables, the one-active-run guard and the lookup indexes', async () => {
    const tables = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'sis_providers',
        'sis_sync_runs',
        'sis_raw_schools',
        'sis_raw_terms',
        'sis_raw_courses',
        'sis_raw_classes',
        'sis_raw_users',
        'sis_raw_enrollments',
        'roster_orgs',
        'roster_academic_sessions',
        'roster_courses',
        'roster_classes',
        'roster_users',
        'roster_user_links',
        'roster_enrollments',
        'roster_changes',
        'sis_run_issues',
        'audit_log',
      ]),
    );
    const indexes = await pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
    );
    expect(indexes.rows.map((row) => row.indexname)).toEqual(
      expect.arrayContaining([
        'sis_sync_runs_one_active_per_provider_key',
        'roster_users_tenant_id_lower_email_idx',
        'roster_users_tenant_id_identifier_idx',
        'roster_user_links_provider_id_sourced_id_key',
        'roster_enrollments_provider_id_class_sourced_id_idx',
      ]),
    );
    // Indexes no query used are gone: each cost every roster write (decision 0800).
    expect(indexes.rows.map((row) => row.indexname)).not.toContain(
      'roster_enrollments_provider_id_last_seen_run_id_idx',
    );
    expect(indexes.rows.map((row) => row.indexname)).not.toContain('roster_changes_run_id_entity_idx');
    const provider = await pool.query<{ id: string }>(
      `INSERT INTO sis_providers (tenant_id, provider_type, name, config_json, config_key_id) VALUES ('t', 'CLEVER', 'n', 'x', 'k') RETURNING id`,
    );
    const providerId = provider.rows[0]!.id;
    await pool.query(
      `INSERT INTO sis_sync_runs (provider_id, tenant_id, status, triggered_by) VALUES ($1, 't', 'IN_PROGRESS', 'u')`,
      [providerId],
    );
    await expect(
      pool.query(
        `INSERT INTO sis_sync_runs (provider_id, tenant_id, status, triggered_by) VALUES ($1, 't', 'PENDING', 'u')`,
        [providerId],
      ),
    ).rejects.toThrow(/sis_sync_runs_one_active_per_provider_key/);
    await pool.query(
      `INSERT INTO sis_sync_runs (provider_id, tenant_id, status, triggered_by) VALUES ($1, 't', 'SUCCESS', 'u')`,
      [providerId],
    );
  });

  it('matches the Prisma schema: every model reads all its mapped columns', async () => {
    const prisma = createPrismaClient(pool);
    const delegates = [
      prisma.sisProvider,
      prisma.sisSyncRun,
      prisma.sisRunIssue,
      prisma.rosterChange,
      prisma.auditLog,
      prisma.sisRawSchool,
      prisma.sisRawTerm,
      prisma.sisRawCourse,
      prisma.sisRawClass,
      prisma.sisRawUser,
      prisma.sisRawEnrollment,
      prisma.rosterOrg,
      prisma.rosterAcademicSession,
      prisma.rosterCourse,
      prisma.rosterClass,
      prisma.rosterUser,
      prisma.rosterUserLink,
      prisma.rosterEnrollment,
    ] as unknown as { findFirst(): Promise<unknown> }[];
    // A column missing from the migration makes the select fail.
    for (const delegate of delegates) await delegate.findFirst();
    const staged = await prisma.sisRawClass.create({
      data: {
        runId: '00000000-0000-4000-8000-000000000001',
        providerId: '00000000-0000-4000-8000-000000000002',
        externalId: 'c-1',
        title: 'Algebra',
        schoolExternalId: 's-1',
        termExternalIds: ['t-1', 't-2'],
        rawJson: { sourcedId: 'c-1' },
      },
    });
    expect(staged).toMatchObject({
      processed: false,
      recordStatus: 'active',
      termExternalIds: ['t-1', 't-2'],
    });
  });

  it('refuses to run when an applied migration was edited', async () => {
    const copy = join(folder, 'migrations-copy');
    await cp(defaultMigrationsDirectory(), copy, { recursive: true });
    const [first] = (await readdir(copy, { withFileTypes: true })).filter((entry) => entry.isDirectory());
    await writeFile(join(copy, first!.name, 'migration.sql'), '-- edited\nSELECT 1;\n');
    await expect(applyMigrations(pool, { migrationsDirectory: copy })).rejects.toThrow(
      /changed after it was applied/,
    );
  });
});
