import type { ApplyHeldDeactivations, ExecuteRun, TestConnection } from '@aivo/sis-sync-svc';
import {
  createApplyHeldDeactivations,
  createConnectionTest,
  createPostgresRosterStore,
  createSyncExecutor,
} from '@aivo/sis-sync-svc';
import type pg from 'pg';

/** The service's real sync execution, built on a service's pool. */
export interface SyncExecution {
  /** `batchSize`: records per reconciliation batch (small values make a run report progress mid-entity). */
  createExecuteRun(pool: pg.Pool, options?: { batchSize?: number }): ExecuteRun;
  createApplyHeldDeactivations(pool: pg.Pool): ApplyHeldDeactivations;
  /** Connection tests through the real connectors. */
  createTestConnection(): TestConnection;
}

/**
 * The service's own executor, held-set approval and connection test (its defaults), wired explicitly so a
 * scenario can choose the reconciliation batch size.
 */
export const syncExecution: SyncExecution = {
  createExecuteRun: (pool, options = {}) => createSyncExecutor({ pool, ...options }),
  createApplyHeldDeactivations: (pool) =>
    createApplyHeldDeactivations({ store: createPostgresRosterStore({ pool }) }),
  createTestConnection: () => createConnectionTest(),
};
