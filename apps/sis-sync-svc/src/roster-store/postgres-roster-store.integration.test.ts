import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRosterStoreContract } from '@aivo/sync-core/testing';
import pg from 'pg';
import { applyMigrations } from '../database/apply-migrations.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../database/embedded-database.js';
import { createPostgresRosterStore } from './postgres-roster-store.js';

let folder: string | undefined;
let database: EmbeddedDatabase | undefined;
let pool: pg.Pool | undefined;

// sync-core's store contract on a real PostgreSQL with the service's migrations applied.
describeRosterStoreContract(
  'postgres',
  async () => {
    folder = await mkdtemp(join(tmpdir(), 'sis-sync-roster-store-'));
    database = await startEmbeddedDatabase({
      directory: join(folder, 'postgres'),
      password: 'test-password',
    });
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    await applyMigrations(pool);
    // A small page size so paging of issues and changes is exercised too.
    return createPostgresRosterStore({ pool, pageSize: 1 });
  },
  {
    teardown: async () => {
      await pool?.end();
      await database?.stop();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  },
);
