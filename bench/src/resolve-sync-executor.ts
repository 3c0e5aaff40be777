import { pathToFileURL } from 'node:url';
import type { ExecuteRun } from '@aivo/sis-sync-svc';
import * as service from '@aivo/sis-sync-svc';
import type pg from 'pg';

type SyncExecutorFactory = (settings: { pool: pg.Pool }) => ExecuteRun;

function pickFactory(module: Record<string, unknown>): SyncExecutorFactory | undefined {
  const candidate = module.createSyncExecutor;
  return typeof candidate === 'function' ? (candidate as SyncExecutorFactory) : undefined;
}

/**
 * The service's real sync executor factory (`createSyncExecutor`) when this build of `@aivo/sis-sync-svc`
 * exports it, else `undefined` (the service then uses its own default executor).
 *
 * `modulePath` (bench option `--executor-module`) loads it from another module instead, e.g. the service's
 * source file under `--import tsx`, to measure a store change before the package is rebuilt and exported.
 */
export async function findSyncExecutorFactory(modulePath?: string): Promise<SyncExecutorFactory | undefined> {
  if (modulePath) {
    const factory = pickFactory((await import(pathToFileURL(modulePath).href)) as Record<string, unknown>);
    if (!factory) throw new Error(`${modulePath} exports no createSyncExecutor function`);
    return factory;
  }
  return pickFactory(service as unknown as Record<string, unknown>);
}
