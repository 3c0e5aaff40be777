import type { ApplyHeldDeactivations, ExecuteRun } from '@aivo/sis-sync-svc';
import * as serviceExports from '@aivo/sis-sync-svc';
import type pg from 'pg';

/** The service's real sync execution: the executor and held-set approval on the service's pool. */
export interface SyncExecution {
  /** Where it came from: the package's exports, or its source while the build does not export it yet. */
  origin: 'package' | 'source';
  /** `batchSize`: records per reconciliation batch (small values make a run report progress mid-entity). */
  createExecuteRun(pool: pg.Pool, options?: { batchSize?: number }): ExecuteRun;
  createApplyHeldDeactivations(pool: pg.Pool): ApplyHeldDeactivations;
}

type Factories = {
  createSyncExecutor?: (settings: { pool: pg.Pool; batchSize?: number }) => ExecuteRun;
  createApplyHeldDeactivations?: (settings: { store: unknown }) => ApplyHeldDeactivations;
  createPostgresRosterStore?: (settings: { pool: pg.Pool }) => unknown;
};

function complete(factories: Factories): factories is Required<Factories> {
  return (
    typeof factories.createSyncExecutor === 'function' &&
    typeof factories.createApplyHeldDeactivations === 'function' &&
    typeof factories.createPostgresRosterStore === 'function'
  );
}

function toExecution(factories: Required<Factories>, origin: SyncExecution['origin']): SyncExecution {
  return {
    origin,
    createExecuteRun: (pool, options = {}) => factories.createSyncExecutor({ pool, ...options }),
    createApplyHeldDeactivations: (pool) =>
      factories.createApplyHeldDeactivations({ store: factories.createPostgresRosterStore({ pool }) }),
  };
}

/**
 * Finds the service's real sync execution. The built package is preferred; until it exports the executor
 * factories (the service's own integration tests wire them the same way), the scenarios load them from the
 * service's source so faults during real syncs are tested now. Remove the fallback once the package exports
 * `createSyncExecutor`, `createApplyHeldDeactivations` and `createPostgresRosterStore`.
 */
export async function findSyncExecution(): Promise<SyncExecution | undefined> {
  const fromPackage = serviceExports as unknown as Factories;
  if (complete(fromPackage)) return toExecution(fromPackage, 'package');
  const sourceFolder = new URL('../../../sis-sync-svc/src/', import.meta.url);
  try {
    // Non-literal specifiers: the type checker must not pull the service's source into this project.
    const executorModule: string = new URL('sync/create-sync-executor.ts', sourceFolder).href;
    const approvalModule: string = new URL('sync/create-apply-held-deactivations.ts', sourceFolder).href;
    const storeModule: string = new URL('roster-store/postgres-roster-store.ts', sourceFolder).href;
    const fromSource = {
      ...((await import(/* @vite-ignore */ executorModule)) as Factories),
      ...((await import(/* @vite-ignore */ approvalModule)) as Factories),
      ...((await import(/* @vite-ignore */ storeModule)) as Factories),
    };
    return complete(fromSource) ? toExecution(fromSource, 'source') : undefined;
  } catch {
    return undefined;
  }
}
