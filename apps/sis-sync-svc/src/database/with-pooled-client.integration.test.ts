import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database.js';
import { withPooledClient } from './with-pooled-client.js';

let folder: string;
let database: EmbeddedDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sis-sync-pooled-client-'));
  database = await startEmbeddedDatabase({ directory: join(folder, 'postgres'), password: 'test-password' });
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
});

afterAll(async () => {
  await pool?.end();
  await database?.stop();
  await rm(folder, { recursive: true, force: true });
});

describe('withPooledClient', () => {
  it('a connection dropped while checked out rejects the work, does not end the process, and is not reused', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      let backendPid = 0;
      const work = withPooledClient(pool, async (client) => {
        backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await client.query('SELECT pg_sleep(30)');
      });
      // The work may reject while the test still awaits the termination below, before `expect` observes it.
      work.catch(() => {});
      while (backendPid === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      // What a PostgreSQL restart does to every connection: the server ends it.
      await pool.query('SELECT pg_terminate_backend($1)', [backendPid]);
      await expect(work).rejects.toThrow(/terminat/i);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      const after = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(after.rows[0]!.pid).not.toBe(backendPid);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('a connection dropped between two queries of the work does not end the process either', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const work = withPooledClient(pool, async (client) => {
        const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await pool.query('SELECT pg_terminate_backend($1)', [pid]);
        // The connection ends while this client is checked out and idle: it emits 'error' now.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await client.query('SELECT 1');
      });
      await expect(work).rejects.toThrow();
      expect(uncaught).toEqual([]);
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('gives a healthy connection back to the pool', async () => {
    const first = await withPooledClient(
      pool,
      async (client) => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid,
    );
    const again = await withPooledClient(
      pool,
      async (client) => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid,
    );
    expect(again).toBe(first);
  });
});
