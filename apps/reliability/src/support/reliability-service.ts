import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  type ApplyHeldDeactivations,
  createLogger,
  type ExecuteRun,
  issueAccessToken,
  loadServiceConfig,
  type RunningService,
  type StartServiceOptions,
  startService,
} from '@aivo/sis-sync-svc';
import { type SyncExecution, syncExecution } from './service-extensions.js';

/** HS256 secret and encryption key every reliability service uses, so tests can forge and decrypt. */
export const testJwtSecret = 'reliability-secret-that-is-long-enough-for-hs256-0123456789';
export const testEncryptionKey = Buffer.alloc(32, 11).toString('base64');

/** Claims of a test token. */
export interface TestTokenClaims {
  role: string;
  tenantId?: string;
  subject?: string;
}

/** Request options of {@link ReliabilityService.request}. */
export interface TestRequestInit {
  method?: string;
  token?: string;
  /** Serialized as JSON. */
  body?: unknown;
  /** Sent as is (for malformed JSON and huge payloads). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** The real service on its own embedded PostgreSQL, driven in-process through `app.request()`. */
export interface ReliabilityService {
  service: RunningService;
  /** Every log line the service wrote (LOG_LEVEL=debug), to search for secrets. */
  logLines: string[];
  dataDirectory: string;
  token(claims: TestTokenClaims): Promise<string>;
  request(path: string, init?: TestRequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Settings of {@link startReliabilityService}. */
export interface ReliabilityServiceSettings {
  environment?: Record<string, string>;
  /** Join another service's database instead of starting an embedded one. */
  databaseUrl?: string;
  /** Wire the service's real sync executor, held-set approval and connection test explicitly. */
  syncExecution?: boolean;
  jobSettings?: StartServiceOptions['jobSettings'];
}

/** Starts the service with debug logging captured in memory; one embedded PostgreSQL per call. */
export async function startReliabilityService(
  settings: ReliabilityServiceSettings = {},
): Promise<ReliabilityService> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'aivo-reliability-'));
  const config = loadServiceConfig(
    {
      LOG_LEVEL: 'debug',
      JWT_SECRET: testJwtSecret,
      SIS_CONFIG_ENCRYPTION_KEY: testEncryptionKey,
      MAX_CONCURRENT_SYNCS: '2',
      ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl } : {}),
      ...settings.environment,
      SIS_SYNC_DATA_DIR: dataDirectory,
    },
    dataDirectory,
  );
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    }),
  });
  const execution: SyncExecution | undefined = settings.syncExecution ? syncExecution : undefined;
  // The executor needs the service's pool, which exists only once the service has started.
  let executeRun: ExecuteRun | undefined;
  let applyHeld: ApplyHeldDeactivations | undefined;
  const service = await startService({
    config,
    logger,
    listen: false,
    printAdminAccess: false,
    ...(execution
      ? {
          executeRun: (input) => executeRun!(input),
          applyHeldDeactivations: (input) => applyHeld!(input),
          testConnection: execution.createTestConnection(),
        }
      : {}),
    ...(settings.jobSettings ? { jobSettings: settings.jobSettings } : {}),
  });
  if (execution) {
    executeRun = execution.createExecuteRun(service.database.pool);
    applyHeld = execution.createApplyHeldDeactivations(service.database.pool);
  }
  return {
    service,
    logLines,
    dataDirectory,
    token: (claims) =>
      issueAccessToken({
        secret: testJwtSecret,
        subject: claims.subject ?? 'reliability-tester',
        role: claims.role as 'PLATFORM_ADMIN',
        tenantId: claims.tenantId,
      }),
    request: async (path, init = {}) => {
      const hasBody = init.body !== undefined || init.rawBody !== undefined;
      return service.app.request(path, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.rawBody !== undefined
          ? { body: init.rawBody }
          : init.body !== undefined
            ? { body: JSON.stringify(init.body) }
            : {}),
      });
    },
    close: async () => {
      await service.stop();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
