import type { ExecuteRun, TestConnection } from '@aivo/sis-sync-svc';
import * as serviceExports from '@aivo/sis-sync-svc';
import type pg from 'pg';

/**
 * The service's real sync executor and connection-test factories when this build of `@aivo/sis-sync-svc`
 * exports them. Until the executor is the service's default, scenarios that need real syncs check
 * {@link hasRealSyncExecution} and are skipped with a reason otherwise.
 */
export function findServiceExtensions(): {
  createSyncExecutor: ((settings: { pool: pg.Pool }) => ExecuteRun) | undefined;
  createConnectionTest: (() => TestConnection) | undefined;
} {
  const exports = serviceExports as unknown as Record<string, unknown>;
  const pick = <Factory>(name: string) =>
    typeof exports[name] === 'function' ? (exports[name] as Factory) : undefined;
  return {
    createSyncExecutor: pick('createSyncExecutor'),
    createConnectionTest: pick('createConnectionTest'),
  };
}

/** True when this build can execute syncs (the real executor is exported). */
export function hasRealSyncExecution(): boolean {
  return findServiceExtensions().createSyncExecutor !== undefined;
}
