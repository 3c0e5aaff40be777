import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { findAdminWebDistPath } from '../api/admin-web-routes.js';
import { createApi } from '../api/create-api.js';
import type { ServiceConfig } from '../config/service-config.js';
import { applyMigrations } from '../database/apply-migrations.js';
import { createPrismaClient, type PrismaClient } from '../database/create-prisma-client.js';
import type { ExecuteRun } from '../jobs/execute-run.js';
import { SyncCoordinator, type SyncCoordinatorSettings } from '../jobs/sync-coordinator.js';
import { createLogger } from '../logging/create-logger.js';
import type {
  ApplyHeldDeactivations,
  DiscardHeldDeactivations,
  TestConnection,
} from '../providers/connection-test.js';
import type { SourceUrlPolicy } from '../providers/source-url-policy.js';
import { createPostgresRosterStore } from '../roster-store/postgres-roster-store.js';
import { createTokenVerifier, issueAccessToken } from '../security/access-token.js';
import { type ConfigCipher, createConfigCipher } from '../security/config-cipher.js';
import {
  createApplyHeldDeactivations,
  discardHeldDeactivations,
} from '../sync/create-apply-held-deactivations.js';
import { createConnectionTest } from '../sync/create-connection-test.js';
import { createSyncExecutor } from '../sync/create-sync-executor.js';
import { type OpenDatabase, openDatabase } from './open-database.js';
import { resolveSecrets } from './resolve-secrets.js';

/** Settings of {@link startService}. */
export interface StartServiceOptions {
  config: ServiceConfig;
  logger?: Logger;
  /** Runs one sync; defaults to the real executor (connectors + sync-core + the Postgres roster store). */
  executeRun?: ExecuteRun;
  /** Defaults to a test through the provider type's connector. */
  testConnection?: TestConnection;
  /** Defaults to approving the run's held sets in the Postgres roster store. */
  applyHeldDeactivations?: ApplyHeldDeactivations;
  /** Defaults to discarding the run's held sets in the Postgres roster store. */
  discardHeldDeactivations?: DiscardHeldDeactivations;
  /** Fine-tuning of the job machinery (heartbeats, sweeps), mostly for tests. */
  jobSettings?: Partial<
    Pick<
      SyncCoordinatorSettings,
      | 'heartbeatIntervalMs'
      | 'staleAfterMs'
      | 'sweepIntervalMs'
      | 'tickPollIntervalMs'
      | 'shutdownGraceMs'
      | 'workerId'
      | 'busyRetrySeconds'
    >
  >;
  /** Listen on HOST:PORT (default true); tests use `app.request()` instead. */
  listen?: boolean;
  /** Execute queued syncs in this process (default true). */
  work?: boolean;
  /** Print the admin URL and a PLATFORM_ADMIN token (default: in embedded mode). */
  printAdminAccess?: boolean;
  /** The built admin page; defaults to `@aivo/admin-web`'s build when it is installed. */
  adminWebDistPath?: string;
}

/** A started service. */
export interface RunningService {
  app: ReturnType<typeof createApi>;
  config: ServiceConfig;
  database: OpenDatabase;
  prisma: PrismaClient;
  boss: PgBoss;
  cipher: ConfigCipher;
  coordinator: SyncCoordinator;
  logger: Logger;
  /** HS256 secret tokens are signed with, when the service verifies with one. */
  jwtSecret: string | undefined;
  /** Base URL when listening. */
  url: string | undefined;
  /** Stops taking requests and jobs, waits for running syncs, closes pools and the embedded database. */
  stop(): Promise<void>;
}

/**
 * Starts the service: secrets, database (embedded when DATABASE_URL is absent), migrations, pg-boss, the
 * sync coordinator and the HTTP API.
 */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const secrets = await resolveSecrets(config);
  const cipher = createConfigCipher({
    currentKey: secrets.encryptionKey,
    previousKeys: secrets.previousEncryptionKeys,
  });
  const verifyToken = createTokenVerifier({
    secret: secrets.jwtSecret,
    jwksUrl: config.jwtJwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
  });
  const database = await openDatabase(config, secrets, logger);
  const cleanups: Array<() => Promise<void>> = [() => database.close()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error) => logger.warn({ err: error }, 'cleanup failed'));
  };
  try {
    const migrations = await applyMigrations(database.pool);
    if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'database migrated');
    const prisma = createPrismaClient(database.pool);
    cleanups.push(() => prisma.$disconnect());
    const boss = new PgBoss({
      db: { executeSql: (text, values) => database.pool.query(text, values) },
      schema: 'pgboss',
      cronMonitorIntervalSeconds: 30,
      cronWorkerIntervalSeconds: 5,
    });
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
    await boss.start();
    cleanups.push(() => boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 }));
    const sourceUrlPolicy: SourceUrlPolicy = {
      allowLoopbackHttp: !config.isProduction,
      insecureHosts: config.insecureSourceHosts,
    };
    const coordinator = new SyncCoordinator({
      pool: database.pool,
      prisma,
      boss,
      cipher,
      logger,
      executeRun: options.executeRun ?? createSyncExecutor({ pool: database.pool }),
      maxConcurrentSyncs: config.maxConcurrentSyncs,
      maxConcurrentSyncsTotal: config.maxConcurrentSyncsTotal,
      lockTimeoutMs: config.syncLockTimeoutMs,
      workerId: `${process.pid}-${randomUUID().slice(0, 8)}`,
      sourceUrlPolicy,
      ...options.jobSettings,
    });
    await coordinator.start({ work: options.work ?? true });
    cleanups.push(() => coordinator.stop());
    let accepting = true;
    const store = createPostgresRosterStore({ pool: database.pool });
    const app = createApi(
      {
        prisma,
        pool: database.pool,
        cipher,
        coordinator,
        logger,
        verifyToken,
        testConnection: options.testConnection ?? createConnectionTest(),
        applyHeldDeactivations: options.applyHeldDeactivations ?? createApplyHeldDeactivations({ store }),
        discardHeldDeactivations:
          options.discardHeldDeactivations ??
          (({ runId, provider }) =>
            discardHeldDeactivations({ store, tenantId: provider.tenantId, providerId: provider.id, runId })),
      },
      {
        isReady: async () => accepting,
        adminWebDistPath: options.adminWebDistPath ?? (await findAdminWebDistPath()),
        sourceUrlPolicy,
      },
    );
    let url: string | undefined;
    if (options.listen ?? true) {
      const server = await listen(app.fetch, config.host, config.port);
      const port = (server.address() as AddressInfo).port;
      url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
          }),
      );
      logger.info({ url }, 'sis-sync-svc is listening');
    }
    const service: RunningService = {
      app,
      config,
      database,
      prisma,
      boss,
      cipher,
      coordinator,
      logger,
      jwtSecret: secrets.jwtSecret,
      url,
      async stop() {
        accepting = false;
        await cleanUp();
      },
    };
    if ((options.printAdminAccess ?? database.embedded !== undefined) && secrets.jwtSecret) {
      await printAdminAccess(service, secrets.jwtSecret);
    }
    return service;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function listen(fetch: (request: Request) => Response | Promise<Response>, host: string, port: number) {
  return new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, () => resolve(server));
    server.once('error', reject);
  });
}

async function printAdminAccess(service: RunningService, jwtSecret: string): Promise<void> {
  const token = await issueAccessToken({
    secret: jwtSecret,
    subject: 'local-admin',
    role: 'PLATFORM_ADMIN',
    expiresIn: '7d',
    issuer: service.config.jwtIssuer,
    audience: service.config.jwtAudience,
  });
  const base = service.config.publicUrl ?? service.url ?? `http://localhost:${service.config.port}`;
  process.stdout.write(
    [
      '',
      'sis-sync-svc is ready (embedded PostgreSQL, local secrets in the data folder).',
      `  Admin page: ${base}/integrations/sis#token=${token}`,
      `  API:        ${base}/api/v1  (OpenAPI: ${base}/api/v1/openapi.json)`,
      `  PLATFORM_ADMIN token (valid 7 days): ${token}`,
      `  Try: curl -H "Authorization: Bearer ${token}" ${base}/api/v1/schedule-presets`,
      '',
    ].join('\n'),
  );
}
