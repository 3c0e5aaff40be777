import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/service-config.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../database/embedded-database.js';
import type { ResolvedSecrets } from './resolve-secrets.js';

/** A connection pool, and the embedded server behind it when there is one. */
export interface OpenDatabase {
  url: string;
  pool: pg.Pool;
  embedded: EmbeddedDatabase | undefined;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under the data folder when it is absent. */
export async function openDatabase(
  config: ServiceConfig,
  secrets: ResolvedSecrets,
  logger: Logger,
  options: { poolSize?: number } = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const password = secrets.localSecrets?.databasePassword;
    if (!password)
      throw new Error('Embedded PostgreSQL needs the data folder secrets; set DATABASE_URL instead');
    const directory = join(config.dataDirectory, 'postgres');
    logger.info({ directory }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedDatabase({
      directory,
      password,
      port: config.embeddedDatabasePort,
      onLog: (message) => logger.debug({ source: 'postgres' }, message),
    });
    url = embedded.url;
    logger.info(
      { port: embedded.port },
      embedded.adopted
        ? 'embedded PostgreSQL was already running on this data folder; using it (it keeps running after this process)'
        : 'embedded PostgreSQL is running',
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10 + config.maxConcurrentSyncs * 2,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  return {
    url,
    pool,
    embedded,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}
