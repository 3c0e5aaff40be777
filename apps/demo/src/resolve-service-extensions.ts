import type { ExecuteRun, TestConnection } from '@aivo/sis-sync-svc';
import * as service from '@aivo/sis-sync-svc';
import type pg from 'pg';

/**
 * The service's real sync executor and connection test factories when this build of `@aivo/sis-sync-svc`
 * exports them; `undefined` otherwise, and the service keeps its own defaults (which, before the executor is
 * wired, fail every run with "not available in this build": the demo then reports that loudly).
 */
export function findServiceExtensions(): {
  createSyncExecutor: ((settings: { pool: pg.Pool }) => ExecuteRun) | undefined;
  createConnectionTest: (() => TestConnection) | undefined;
} {
  const exports = service as unknown as Record<string, unknown>;
  const pick = <Factory>(name: string) =>
    typeof exports[name] === 'function' ? (exports[name] as Factory) : undefined;
  return {
    createSyncExecutor: pick('createSyncExecutor'),
    createConnectionTest: pick('createConnectionTest'),
  };
}
