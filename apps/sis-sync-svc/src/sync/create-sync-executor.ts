import { DeltaCursorExpiredError, type RosterConnectorV1 } from '@aivo/connector-sdk';
import { type RosterStore, runSync, type SyncLogger, type SyncResult } from '@aivo/sync-core';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { ExecuteRun, RunExecutionResult, RunProgress } from '../jobs/execute-run.js';
import { createPostgresRosterStore } from '../roster-store/postgres-roster-store.js';
import { type ConnectorFactory, createConnectorForProvider } from './create-connector-for-provider.js';
import { createStagingQueue } from './create-staging-queue.js';
import { loadProviderSyncState, saveDeltaCursor } from './provider-sync-state.js';

/** Settings of {@link createSyncExecutor}. */
export interface SyncExecutorSettings {
  /** The service's pool: staging, sync state and (by default) the roster store use it. */
  pool: pg.Pool;
  /** Default: {@link createPostgresRosterStore} on `pool`. */
  store?: RosterStore;
  /** Builds a provider's connector. Default {@link createConnectorForProvider}. */
  connectorFactory?: ConnectorFactory;
  /** Records per reconciliation batch (sync-core's `batchSize`). Default 5,000. */
  batchSize?: number;
}

/** A run that sync-core ended as FAILURE; its message is written to the run history as is. */
export class SyncRunFailedError extends Error {
  override readonly name = 'SyncRunFailedError';
}

interface ReadPlan {
  mode: 'full' | 'delta';
  since: Date | string | undefined;
  /** Where the next delta starts if this run reads everything. */
  nextCursor: string | undefined;
  notes: string[];
}

function toSyncLogger(logger: Logger): SyncLogger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

/**
 * Decides full or delta and where a delta starts. A delta needs a connector that can read changes and a
 * cursor saved by an earlier complete run; otherwise the run reads everything and says why. The next cursor
 * is taken *before* reading, so changes made during this run are read again next time rather than lost.
 */
async function planRead(input: {
  connector: RosterConnectorV1;
  requestedMode: string;
  savedCursor: string | undefined;
  dryRun: boolean;
  signal: AbortSignal;
  logger: Logger;
}): Promise<ReadPlan> {
  const { connector, savedCursor, logger } = input;
  const notes: string[] = [];
  let nextCursor: string | undefined;
  if (!input.dryRun && connector.capabilities.delta) {
    if (connector.deltaCursor) {
      try {
        nextCursor = await connector.deltaCursor({ signal: input.signal });
      } catch (error) {
        logger.warn(
          { err: error },
          'could not read the delta cursor; the next delta sync will read everything',
        );
      }
    } else {
      nextCursor = new Date().toISOString();
    }
  }
  if (input.requestedMode !== 'delta') return { mode: 'full', since: undefined, nextCursor, notes };
  if (!connector.capabilities.delta) {
    notes.push('This provider cannot send changes only, so this delta run read everything.');
    return { mode: 'full', since: undefined, nextCursor, notes };
  }
  if (!savedCursor) {
    notes.push('No earlier complete sync to continue from, so this delta run read everything.');
    return { mode: 'full', since: undefined, nextCursor, notes };
  }
  // Connectors with their own cursor (Clever event ids) take it as is; the others take a time.
  const since = connector.deltaCursor ? savedCursor : new Date(savedCursor);
  if (connector.deltaCursor && (await cursorExpired(connector, since, input.signal))) {
    notes.push(
      'The saved change cursor had expired (the provider keeps changes for a limited time), so this delta run read everything.',
    );
    return { mode: 'full', since: undefined, nextCursor, notes };
  }
  return { mode: 'delta', since, nextCursor, notes };
}

/**
 * Reads the first change of the first entity: an expired cursor (Clever keeps 30 days of events) fails there
 * at once, so the run can read everything instead of failing every entity. Other errors are left to the run.
 */
async function cursorExpired(connector: RosterConnectorV1, since: Date | string, signal: AbortSignal) {
  try {
    for await (const _record of connector.orgs({ since, signal })) break;
    return false;
  } catch (error) {
    if (DeltaCursorExpiredError.isInstance(error)) return true;
    return false;
  }
}

function toExecutionResult(result: SyncResult, plan: ReadPlan, dryRun: boolean): RunExecutionResult {
  const messages = [
    ...(dryRun ? ['Dry run: nothing was written.'] : []),
    ...plan.notes,
    ...(result.errorMessage ? [result.errorMessage] : []),
  ];
  const held = result.held && result.held.length > 0 ? result.held : undefined;
  if (dryRun && held) {
    messages.push(
      `A real run would hold ${held.map((set) => `${set.count} ${set.entity}`).join(', ')} for review.`,
    );
  }
  return {
    status: result.status === 'PARTIAL' ? 'PARTIAL' : 'SUCCESS',
    stats: result.stats as unknown as Record<string, unknown>,
    ...(held && !dryRun ? { heldDeactivations: { held } } : {}),
    ...(messages.length > 0 ? { message: messages.join(' ') } : {}),
  };
}

/**
 * The real sync executor of the service: builds the provider's connector from its decrypted config, stages
 * every extracted record in the run's `sis_raw_*` tables batch by batch with how it was processed, reconciles with `@aivo/sync-core`'s
 * `runSync` into the Postgres roster store, reports progress on the run, and keeps the delta cursor after a
 * complete read.
 *
 * Outcomes for the job machinery: `SUCCESS` / `PARTIAL` (held deactivations or a failed read) are returned;
 * a sync-core `FAILURE` throws {@link SyncRunFailedError} with its message; a cancelled run returns its
 * statistics and the job machinery records `CANCELLED` from the aborted signal.
 *
 * @example
 * const service = await startService({ config, executeRun: createSyncExecutor({ pool }) });
 */
export function createSyncExecutor(settings: SyncExecutorSettings): ExecuteRun {
  const { pool } = settings;
  const store = settings.store ?? createPostgresRosterStore({ pool });
  const connectorFactory = settings.connectorFactory ?? createConnectorForProvider;

  return async ({ run, provider, config, signal, reportProgress, logger }) => {
    let progressWrites = Promise.resolve();
    const report = (progress: RunProgress) => {
      // Progress is written in order, one write at a time; a failed write only costs that update.
      progressWrites = progressWrites
        .then(() => reportProgress(progress))
        .catch((error) => logger.warn({ err: error }, 'could not record sync progress'));
    };
    let entity: string | undefined;
    const connector = connectorFactory(provider.providerType, config, {
      onRetry: (event) =>
        report({
          ...(entity ? { entity } : {}),
          phase: 'extract',
          message: `Waiting ${Math.ceil(event.delayMs / 1000)} s before retry ${event.retry} (${event.reason})`,
        }),
    });
    const state = await loadProviderSyncState(pool, provider.id);
    const plan = await planRead({
      connector,
      requestedMode: run.mode,
      savedCursor: state.deltaCursor,
      dryRun: run.dryRun,
      signal,
      logger,
    });
    const staging = createStagingQueue(
      { pool, runId: run.id, providerId: provider.id },
      { dryRun: run.dryRun },
    );
    report({ phase: 'extract', message: `Reading ${plan.mode === 'delta' ? 'changes' : 'everything'}` });
    const result = await runSync({
      connector,
      store,
      tenantId: provider.tenantId,
      providerId: provider.id,
      runId: run.id,
      mode: plan.mode,
      ...(plan.since ? { since: plan.since } : {}),
      dryRun: run.dryRun,
      signal,
      thresholds: state.thresholds,
      createUnmatchedUsers: state.createUnmatchedUsers,
      ...(settings.batchSize ? { batchSize: settings.batchSize } : {}),
      // Each batch is staged once sync-core is done with it, flags and first issue included, while the next
      // batch is reconciled (decision 0800).
      onBatch: (batch) => staging.stage(batch),
      onProgress: (progress) => {
        entity = progress.entity;
        report({ phase: progress.done ? 'finish' : 'load', ...progress });
      },
      logger: toSyncLogger(logger),
    });
    const stagingFailure: unknown = await staging.drain().then(
      () => undefined,
      (error: unknown) => error ?? new Error('staging failed'),
    );
    await progressWrites;
    logger.info(
      { status: result.status, issues: result.issues.total, incomplete: result.incompleteEntities },
      'sync reconciled',
    );
    if (result.status === 'FAILURE') {
      throw new SyncRunFailedError(result.errorMessage ?? 'The sync failed before anything could be read');
    }
    if (stagingFailure && result.status !== 'CANCELLED') {
      // The roster is consistent (every batch is its own transaction), but the run's staged copy is not whole.
      throw new SyncRunFailedError(
        `Staging the extracted records failed: ${stagingFailure instanceof Error ? stagingFailure.message : String(stagingFailure)}`,
      );
    }
    if (result.status === 'CANCELLED') {
      return {
        stats: result.stats as unknown as Record<string, unknown>,
        message: result.errorMessage ?? 'Cancelled',
      };
    }
    if (!run.dryRun && plan.nextCursor && result.incompleteEntities.length === 0) {
      await saveDeltaCursor(pool, provider.id, { deltaCursor: plan.nextCursor, runId: run.id });
    }
    return toExecutionResult(result, plan, run.dryRun);
  };
}
