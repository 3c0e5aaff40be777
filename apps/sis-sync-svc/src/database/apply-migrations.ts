import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/**
 * The advisory lock key Prisma Migrate itself takes, so our runner, `prisma migrate deploy` and other
 * replicas of the service never apply migrations at the same time.
 */
export const migrationAdvisoryLockKey = 72_707_369;

/** Result of {@link applyMigrations}. */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Finds `prisma/migrations` whether running from `src/` (tsx, vitest) or the bundled `dist/`. */
export function defaultMigrationsDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    join(here, '..', '..', 'prisma', 'migrations'),
    join(here, '..', 'prisma', 'migrations'),
  ]) {
    if (existsSync(join(candidate, 'migration_lock.toml'))) return candidate;
  }
  throw new Error(`prisma/migrations was not found next to ${here}; reinstall @aivo/sis-sync-svc`);
}

const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the SQL migrations of `prisma/migrations` that the database has not seen yet, each in its own
 * transaction, recording them in `_prisma_migrations` the way Prisma Migrate does (so `prisma migrate
 * deploy` agrees with us). Safe to call from many processes at once: a session advisory lock serialises
 * them and the later ones find nothing to do.
 */
export async function applyMigrations(
  pool: pg.Pool,
  options: { migrationsDirectory?: string } = {},
): Promise<MigrationResult> {
  const directory = options.migrationsDirectory ?? defaultMigrationsDirectory();
  const names = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const client = await pool.connect();
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationAdvisoryLockKey]);
    try {
      await client.query(createMigrationsTable);
      const recorded = await client.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
      }>(
        'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
      );
      const finished = new Map(
        recorded.rows
          .filter((row) => row.finished_at !== null)
          .map((row) => [row.migration_name, row.checksum]),
      );
      const failed = recorded.rows.find((row) => row.finished_at === null);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} failed earlier and is marked unfinished in _prisma_migrations; fix the database, then mark it rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}) before starting again`,
        );
      }
      for (const name of names) {
        const sql = await readFile(join(directory, name, 'migration.sql'), 'utf8');
        const checksum = createHash('sha256').update(sql).digest('hex');
        const knownChecksum = finished.get(name);
        if (knownChecksum !== undefined) {
          if (knownChecksum !== checksum) {
            throw new Error(
              `Migration ${name} was changed after it was applied (checksum differs); never edit an applied migration, add a new one instead`,
            );
          }
          result.alreadyApplied.push(name);
          continue;
        }
        const id = randomUUID();
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [id, checksum, name],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
        }
        result.applied.push(name);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationAdvisoryLockKey]);
    }
  } finally {
    client.release();
  }
  return result;
}
