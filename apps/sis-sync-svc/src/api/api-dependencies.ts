import { OpenAPIHono } from '@hono/zod-openapi';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { SyncCoordinator } from '../jobs/sync-coordinator.js';
import type {
  ApplyHeldDeactivations,
  DiscardHeldDeactivations,
  TestConnection,
} from '../providers/connection-test.js';
import type { TokenVerifier } from '../security/access-token.js';
import type { ConfigCipher } from '../security/config-cipher.js';
import { ApiError, fieldIssues } from './api-error.js';
import type { ApiVariables } from './authenticate.js';

/** Everything the HTTP API needs, injected by the service (or a test). */
export interface ApiDependencies {
  prisma: PrismaClient;
  pool: pg.Pool;
  cipher: ConfigCipher;
  coordinator: SyncCoordinator;
  logger: Logger;
  verifyToken: TokenVerifier;
  testConnection: TestConnection;
  applyHeldDeactivations: ApplyHeldDeactivations;
  /** Drops a run's held sets in the roster store; without it a discard only marks the run. */
  discardHeldDeactivations?: DiscardHeldDeactivations;
  /** Time limit of a connection test. Default 30 s. */
  connectionTestTimeoutMs?: number;
}

/** Hono environment of the API's sub-apps. */
export interface ApiEnvironment {
  Variables: ApiVariables;
}

/** A sub-app whose request validation failures become 400s listing each field path. */
export function createRouter() {
  return new OpenAPIHono<ApiEnvironment>({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.validation(fieldIssues(result.error));
    },
  });
}
