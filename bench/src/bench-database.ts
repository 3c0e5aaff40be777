import { startEmbeddedDatabase } from '@aivo/sis-sync-svc';
import pg from 'pg';

/** The PostgreSQL server a benchmark run starts for itself. */
export interface BenchDatabase {
  /** URL of a database on the server, e.g. `databaseUrl('bench_sync')`. */
  databaseUrl(name: string): string;
  /** Drops (closing its connections) and creates an empty database. */
  recreateDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL (the service's own `startEmbeddedDatabase`) in `directory`, then restarts it
 * once with `pg_stat_statements` preloaded so every workload can report the statements that took its time.
 */
export async function startBenchDatabase(directory: string): Promise<BenchDatabase> {
  const password = 'bench-password';
  let server = await startEmbeddedDatabase({ directory, password, databaseName: 'postgres' });
  const maintenance = new pg.Client({ connectionString: server.url });
  await maintenance.connect();
  await maintenance.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await maintenance.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
  await maintenance.end();
  await server.stop();
  server = await startEmbeddedDatabase({ directory, password, databaseName: 'postgres', port: server.port });
  const running = server;
  const base = new URL(running.url);
  const databaseUrl = (name: string) => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    databaseUrl,
    async recreateDatabase(name) {
      const client = new pg.Client({ connectionString: running.url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      const created = new pg.Client({ connectionString: databaseUrl(name) });
      await created.connect();
      try {
        await created.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      } finally {
        await created.end();
      }
    },
    stop: () => running.stop(),
  };
}

/** One statement's share of a workload, from `pg_stat_statements`. */
export interface StatementTime {
  query: string;
  calls: number;
  totalMs: number;
  rows: number;
}

/** The statements of the current database that took the most execution time since the last reset. */
export async function topStatementTimes(pool: pg.Pool, limit: number): Promise<StatementTime[]> {
  const result = await pool.query<{ query: string; calls: string; total_ms: number; rows: string }>(
    `SELECT query, calls, total_exec_time AS total_ms, rows
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%pg_database_size%'
      ORDER BY total_exec_time DESC
      LIMIT $1`,
    [limit],
  );
  return result.rows.map((row) => ({
    query: row.query.replace(/\s+/g, ' ').trim(),
    calls: Number(row.calls),
    totalMs: Math.round(row.total_ms),
    rows: Number(row.rows),
  }));
}

/** Execution time of every statement of the current database since the last reset, in milliseconds. */
export async function totalStatementTime(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ total_ms: number | null }>(
    `SELECT sum(total_exec_time) AS total_ms FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%pg_database_size%'`,
  );
  return Math.round(result.rows[0]?.total_ms ?? 0);
}

/** Size on disk of the current database, in bytes. */
export async function databaseSize(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size');
  return Number(result.rows[0]!.size);
}
