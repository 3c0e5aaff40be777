import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadServiceConfig } from '../config/service-config.js';
import { createLogger } from '../logging/create-logger.js';
import { issueAccessToken } from '../security/access-token.js';
import { type RunningService, type StartServiceOptions, startService } from '../service/start-service.js';

/** Test-only: a service on its own embedded PostgreSQL in a temporary folder, plus token helpers. */
export interface TestService extends RunningService {
  dataDirectory: string;
  /** Collected log lines, to check that secrets never reach them. */
  logLines: string[];
  token(claims: { role: string; tenantId?: string; subject?: string }): Promise<string>;
  request(path: string, init?: { method?: string; token?: string; body?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** Starts a service for a test file; pass `databaseUrl` to join another test service's database. */
export async function startTestService(
  options: Partial<Omit<StartServiceOptions, 'config'>> & {
    databaseUrl?: string;
    environment?: Record<string, string>;
  } = {},
): Promise<TestService> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'sis-sync-test-'));
  const config = loadServiceConfig(
    {
      LOG_LEVEL: 'debug',
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      SIS_CONFIG_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      MAX_CONCURRENT_SYNCS: '2',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.environment,
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
  const service = await startService({ listen: false, printAdminAccess: false, logger, ...options, config });
  const secret = service.jwtSecret!;
  return {
    ...service,
    dataDirectory,
    logLines,
    token: async (claims) =>
      issueAccessToken({
        secret,
        subject: claims.subject ?? 'tester',
        role: claims.role as 'PLATFORM_ADMIN',
        tenantId: claims.tenantId,
      }),
    request: async (path, init = {}) =>
      service.app.request(path, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    close: async () => {
      await service.stop();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
