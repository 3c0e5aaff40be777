import type { ExecuteRun } from '@aivo/sis-sync-svc';
import * as service from '@aivo/sis-sync-svc';
import type pg from 'pg';

type SyncExecutorFactory = (settings: { pool: pg.Pool }) => ExecuteRun;

/**
 * The service's real sync executor factory (`createSyncExecutor`) when this build of `@aivo/sis-sync-svc`
 * exports it, else `undefined` (the service then uses its own default executor).
 */
export function findSyncExecutorFactory(): SyncExecutorFactory | undefined {
  const candidate = (service as unknown as Record<string, unknown>).createSyncExecutor;
  return typeof candidate === 'function' ? (candidate as SyncExecutorFactory) : undefined;
}
