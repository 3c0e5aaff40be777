import { pathToFileURL } from 'node:url';
import type { ExecuteRun, TestConnection } from '@aivo/sis-sync-svc';
import * as service from '@aivo/sis-sync-svc';
import type pg from 'pg';

/**
 * The service's real sync executor and connection test factories when this build of `@aivo/sis-sync-svc`
 * exports them; `undefined` otherwise, and the service keeps its own defaults (which, before the executor is
 * wired, fail every run with "not available in this build": the demo then reports that loudly).
 * `executorModule` (development aid, `--executor-module`) takes `createSyncExecutor` from another module, e.g.
 * the service's source file when the demo runs under `node --import tsx`.
 */
export async function findServiceExtensions(executorModule?: string): Promise<{
  createSyncExecutor: ((settings: { pool: pg.Pool }) => ExecuteRun) | undefined;
  createConnectionTest: (() => TestConnection) | undefined;
}> {
  const exports = service as unknown as Record<string, unknown>;
  const pick = <Factory>(from: Record<string, unknown>, name: string) =>
    typeof from[name] === 'function' ? (from[name] as Factory) : undefined;
  const executorExports = executorModule
    ? ((await import(pathToFileURL(executorModule).href)) as Record<string, unknown>)
    : exports;
  return {
    createSyncExecutor: pick(executorExports, 'createSyncExecutor'),
    createConnectionTest: pick(exports, 'createConnectionTest'),
  };
}
