import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { withPooledClient } from '../database/with-pooled-client.js';
import type { PrismaClient, SisProvider, SisSyncRun } from '../generated/prisma/client.js';
import { redactSecretsInText } from '../logging/redact-secrets-in-text.js';
import { insecureSourceUrlIssues, type SourceUrlPolicy } from '../providers/source-url-policy.js';
import { recordAudit } from '../security/audit-log.js';
import type { ConfigCipher } from '../security/config-cipher.js';
import type { ExecuteRun, RunExecutionResult, RunProgress } from './execute-run.js';
import {
  applyProviderSchedule,
  reconcileProviderSchedules,
  removeProviderSchedule,
} from './provider-schedules.js';
import { pruneStagedRuns } from './prune-staged-runs.js';
import { type SweepResult, sweepMessages, sweepStaleRuns } from './run-sweeper.js';
import { providerIdOfScheduleQueue, runQueueName, scheduleQueueName } from './sync-queue-names.js';

/** Throws, naming the fields, when the saved config has a plain-http source URL the policy forbids. */
function assertSourceUrlsAllowed(config: Record<string, unknown>, policy: SourceUrlPolicy | undefined): void {
  if (!policy) return;
  const issues = insecureSourceUrlIssues(config, policy);
  if (issues.length === 0) return;
  throw new Error(
    `The provider's saved settings were not used: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}. Edit the provider to an https:// URL and run it again.`,
  );
}

/** Settings of {@link SyncCoordinator}. */
export interface SyncCoordinatorSettings {
  pool: pg.Pool;
  prisma: PrismaClient;
  boss: PgBoss;
  cipher: ConfigCipher;
  logger: Logger;
  executeRun: ExecuteRun;
  /** Runs this instance executes at once (MAX_CONCURRENT_SYNCS). */
  maxConcurrentSyncs: number;
  /** Runs all replicas together execute at once (MAX_CONCURRENT_SYNCS_TOTAL); unset = no cluster cap. */
  maxConcurrentSyncsTotal?: number | undefined;
  /** Seconds a run waits before trying again when the cluster cap is reached. Default 5. */
  busyRetrySeconds?: number;
  /** SYNC_LOCK_TIMEOUT in milliseconds. */
  lockTimeoutMs: number;
  /** How often a running sync proves it is alive and checks for cancel requests. Default 5 s. */
  heartbeatIntervalMs?: number;
  /** Heartbeat age after which a run counts as orphaned. Default 6 × heartbeat interval. */
  staleAfterMs?: number;
  /** How often stale runs are swept. Default 30 s. */
  sweepIntervalMs?: number;
  /** How often due cron ticks are collected. Default 5 s. */
  tickPollIntervalMs?: number;
  /** How long shutdown waits for running syncs before aborting them. Default 30 s. */
  shutdownGraceMs?: number;
  /** Name of this process in runs it executes. */
  workerId?: string;
  /** Runs per provider whose staged rows are kept after a run finishes. Default 3. */
  keepStagedRuns?: number;
  /**
   * Refuses to run a provider whose saved config has a source URL this policy forbids (saved before the
   * policy existed, or edited in the database): the run fails and says which field to fix. Absent: no check.
   */
  sourceUrlPolicy?: SourceUrlPolicy;
}

/** Who or what started a run. */
export interface TriggerOptions {
  triggeredBy: string;
  isManual: boolean;
  dryRun?: boolean;
  mode?: 'full' | 'delta';
}

/** Outcome of {@link SyncCoordinator.triggerRun}. */
export type TriggerResult =
  | { outcome: 'started'; run: SisSyncRun }
  | { outcome: 'already-running'; run: SisSyncRun }
  | { outcome: 'provider-disabled' };

/** Outcome of {@link SyncCoordinator.cancelRun}. */
export type CancelResult =
  | { outcome: 'cancelled'; run: SisSyncRun }
  | { outcome: 'cancelling'; run: SisSyncRun }
  | { outcome: 'nothing-running' };

type AbortKind = 'cancel' | 'timeout' | 'shutdown' | 'lost';

class RunAbort extends Error {
  override readonly name = 'RunAbort';
  constructor(readonly kind: AbortKind) {
    super(`Sync stopped: ${kind}`);
  }
}

const activeStatuses = ['PENDING', 'IN_PROGRESS'] as const;

/** Advisory lock serializing run claims when MAX_CONCURRENT_SYNCS_TOTAL is set. */
const claimAdvisoryLockKey = 72_707_370;

/**
 * Owns sync runs: creating them (one active run per provider, enforced by a partial unique index), queueing
 * them on pg-boss, executing them with heartbeats, cancel and lock timeouts, sweeping orphans, and keeping
 * pg-boss cron schedules in step with providers.
 */
export class SyncCoordinator {
  private readonly settings: Required<
    Omit<SyncCoordinatorSettings, 'workerId' | 'maxConcurrentSyncsTotal' | 'sourceUrlPolicy'>
  > & {
    workerId: string;
    maxConcurrentSyncsTotal: number | undefined;
    sourceUrlPolicy: SourceUrlPolicy | undefined;
  };
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly workerIds: string[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private accepting = false;

  constructor(settings: SyncCoordinatorSettings) {
    const heartbeatIntervalMs = settings.heartbeatIntervalMs ?? 5_000;
    this.settings = {
      ...settings,
      heartbeatIntervalMs,
      staleAfterMs: settings.staleAfterMs ?? heartbeatIntervalMs * 6,
      sweepIntervalMs: settings.sweepIntervalMs ?? 30_000,
      tickPollIntervalMs: settings.tickPollIntervalMs ?? 5_000,
      shutdownGraceMs: settings.shutdownGraceMs ?? 30_000,
      keepStagedRuns: settings.keepStagedRuns ?? 3,
      maxConcurrentSyncsTotal: settings.maxConcurrentSyncsTotal,
      busyRetrySeconds: settings.busyRetrySeconds ?? 5,
      workerId: settings.workerId ?? `worker-${randomUUID().slice(0, 8)}`,
      sourceUrlPolicy: settings.sourceUrlPolicy,
    };
  }

  /** Ids of runs this process is executing now. */
  get runningRunIds(): string[] {
    return [...this.running.keys()];
  }

  /** Creates the run queue, repairs schedules, sweeps, and starts `maxConcurrentSyncs` workers. */
  async start(options: { work?: boolean } = {}): Promise<void> {
    const { boss } = this.settings;
    if (!(await boss.getQueue(runQueueName))) {
      await boss.createQueue(runQueueName, {
        name: runQueueName,
        policy: 'standard',
        retryLimit: 0,
        expireInSeconds: Math.ceil(this.settings.lockTimeoutMs / 1000) + 300,
      });
    }
    await this.reconcileSchedules();
    await this.sweep();
    if (options.work === false) return;
    this.accepting = true;
    for (let index = 0; index < this.settings.maxConcurrentSyncs; index += 1) {
      const workerId = await boss.work<{ runId: string }>(
        runQueueName,
        { batchSize: 1, pollingIntervalSeconds: 2 },
        async (jobs) => {
          for (const job of jobs) await this.executeJob(job.data.runId);
        },
      );
      this.workerIds.push(workerId);
    }
    this.repeat(() => this.sweep(), this.settings.sweepIntervalMs);
    this.repeat(() => this.collectScheduleTicks(), this.settings.tickPollIntervalMs);
  }

  /**
   * Stops taking jobs, waits up to the grace period for running syncs, then aborts the rest (their runs end
   * FAILURE with a shutdown message) and waits for them to record it.
   */
  async stop(): Promise<void> {
    this.accepting = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
    for (const workerId of this.workerIds) await this.settings.boss.offWork({ id: workerId }).catch(() => {});
    this.workerIds.length = 0;
    const pending = [...this.running.values()];
    if (pending.length === 0) return;
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      graceTimer = setTimeout(resolve, this.settings.shutdownGraceMs);
    });
    await Promise.race([Promise.all(pending.map((entry) => entry.done)), graceOver]);
    clearTimeout(graceTimer);
    for (const entry of this.running.values()) entry.controller.abort(new RunAbort('shutdown'));
    await Promise.all([...this.running.values()].map((entry) => entry.done));
  }

  /**
   * Creates and queues a run, unless the provider is disabled or already has a queued or running run (that
   * run is returned instead; the partial unique index makes this hold across replicas).
   */
  async triggerRun(provider: SisProvider, options: TriggerOptions): Promise<TriggerResult> {
    if (!provider.enabled) return { outcome: 'provider-disabled' };
    const { pool, prisma, boss } = this.settings;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const inserted = await pool.query<{ id: string }>(
        `INSERT INTO sis_sync_runs (provider_id, tenant_id, status, mode, dry_run, is_manual, triggered_by)
         VALUES ($1, $2, 'PENDING', $3, $4, $5, $6)
         ON CONFLICT (provider_id) WHERE status IN ('PENDING', 'IN_PROGRESS') DO NOTHING
         RETURNING id`,
        [
          provider.id,
          provider.tenantId,
          options.mode ?? 'full',
          options.dryRun ?? false,
          options.isManual,
          options.triggeredBy,
        ],
      );
      const runId = inserted.rows[0]?.id;
      if (runId) {
        try {
          await boss.send(runQueueName, { runId }, { id: runId, retryLimit: 0 });
        } catch (error) {
          await this.finishRun(runId, {
            status: 'FAILURE',
            errorMessage: 'The sync could not be queued (job queue unavailable); try again',
          });
          throw error;
        }
        for (const workerId of this.workerIds) boss.notifyWorker(workerId);
        const run = await prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
        return { outcome: 'started', run };
      }
      const existing = await prisma.sisSyncRun.findFirst({
        where: { providerId: provider.id, status: { in: [...activeStatuses] } },
      });
      if (existing) return { outcome: 'already-running', run: existing };
      // The active run finished between our insert and select: try again.
    }
    throw new Error('Could not start a sync: the provider kept changing state; try again');
  }

  /** Cancels the provider's queued run at once, or asks its running run to stop at a batch boundary. */
  async cancelRun(providerId: string, cancelledBy: string): Promise<CancelResult> {
    const { pool, prisma, boss } = this.settings;
    const active = await prisma.sisSyncRun.findFirst({
      where: { providerId, status: { in: [...activeStatuses] } },
    });
    if (!active) return { outcome: 'nothing-running' };
    const cancelledPending = await pool.query(
      `UPDATE sis_sync_runs SET status = 'CANCELLED', completed_at = now(), cancel_requested_at = now(), error_message = $2
        WHERE id = $1 AND status = 'PENDING'`,
      [active.id, `Cancelled by ${cancelledBy} before it started`],
    );
    if (cancelledPending.rowCount === 1) {
      await boss.cancel(runQueueName, active.id).catch(() => {});
      return {
        outcome: 'cancelled',
        run: await prisma.sisSyncRun.findUniqueOrThrow({ where: { id: active.id } }),
      };
    }
    await pool.query(
      `UPDATE sis_sync_runs SET cancel_requested_at = coalesce(cancel_requested_at, now()), error_message = $2
        WHERE id = $1 AND status = 'IN_PROGRESS'`,
      [active.id, `Cancelled by ${cancelledBy}`],
    );
    this.running.get(active.id)?.controller.abort(new RunAbort('cancel'));
    const run = await prisma.sisSyncRun.findUniqueOrThrow({ where: { id: active.id } });
    return run.status === 'CANCELLED' ? { outcome: 'cancelled', run } : { outcome: 'cancelling', run };
  }

  /** Creates, changes or removes the provider's cron schedule to match it. */
  async applySchedule(provider: SisProvider): Promise<void> {
    await applyProviderSchedule(this.settings.boss, provider);
  }

  /** Removes a deleted provider's schedule; its running sync is cancelled first. */
  async removeProvider(providerId: string, removedBy: string): Promise<void> {
    await this.cancelRun(providerId, removedBy);
    await removeProviderSchedule(this.settings.boss, providerId);
  }

  /** Fails runs orphaned by dead workers or older than the lock timeout, and unlocks their providers. */
  async sweep(): Promise<SweepResult> {
    const result = await sweepStaleRuns(this.settings.pool, {
      staleAfterMs: this.settings.staleAfterMs,
      lockTimeoutMs: this.settings.lockTimeoutMs,
    });
    for (const runId of result.timedOut) this.running.get(runId)?.controller.abort(new RunAbort('timeout'));
    for (const runId of [...result.orphaned, ...result.timedOut]) {
      await this.settings.boss.cancel(runQueueName, runId).catch(() => {});
    }
    if (result.orphaned.length + result.timedOut.length > 0) {
      this.settings.logger.warn(result, 'failed stale sync runs');
    }
    return result;
  }

  /** Turns due cron ticks (jobs pg-boss put in providers' schedule queues) into runs. */
  async collectScheduleTicks(): Promise<number> {
    const { prisma, boss, logger } = this.settings;
    const dueProviderIds = await this.providersWithDueTicks();
    const providers = await prisma.sisProvider.findMany({
      where: { syncSchedule: { not: null }, ...(dueProviderIds ? { id: { in: dueProviderIds } } : {}) },
    });
    let started = 0;
    for (const provider of providers) {
      const queue = scheduleQueueName(provider.id);
      const ticks = await boss.fetch<{ providerId: string }>(queue, { batchSize: 10 }).catch(() => []);
      if (ticks.length === 0) continue;
      await boss.complete(
        queue,
        ticks.map((tick) => tick.id),
      );
      if (!provider.enabled) continue;
      const result = await this.triggerRun(provider, { triggeredBy: 'schedule', isManual: false });
      if (result.outcome === 'started') started += 1;
      await recordAudit(prisma, {
        actor: { subject: 'schedule', role: 'SYSTEM' },
        tenantId: provider.tenantId,
        action: 'sync',
        resourceType: 'provider',
        resourceId: provider.id,
        outcome: result.outcome === 'started' ? 'success' : 'rejected',
        detail:
          result.outcome === 'provider-disabled'
            ? { reason: 'provider_disabled' }
            : { runId: result.run.id, outcome: result.outcome },
      });
      logger.info({ providerId: provider.id, outcome: result.outcome }, 'scheduled sync tick');
    }
    return started;
  }

  /**
   * Ids of providers whose schedule queue holds a due tick, in one query on pg-boss's job table (v10
   * layout), instead of one fetch per scheduled provider. Undefined when that table cannot be read; the
   * caller then checks every scheduled provider.
   */
  async providersWithDueTicks(): Promise<string[] | undefined> {
    try {
      const due = await this.settings.pool.query<{ name: string }>(
        `SELECT DISTINCT name FROM pgboss.job
          WHERE name LIKE 'sis-sync-schedule-%' AND state < 'active' AND start_after <= now()`,
      );
      return due.rows
        .map((row) => providerIdOfScheduleQueue(row.name))
        .filter((id): id is string => id !== undefined);
    } catch (error) {
      this.settings.logger.debug({ err: error }, 'could not read pg-boss jobs; polling every schedule queue');
      return undefined;
    }
  }

  private async reconcileSchedules(): Promise<void> {
    const providers = await this.settings.prisma.sisProvider.findMany({
      select: { id: true, enabled: true, syncSchedule: true, syncTimezone: true },
    });
    await reconcileProviderSchedules(this.settings.boss, providers);
  }

  private repeat(task: () => Promise<unknown>, intervalMs: number): void {
    const tick = () => {
      const timer = setTimeout(async () => {
        try {
          await task();
        } catch (error) {
          this.settings.logger.error({ err: error }, 'background sync task failed');
        }
        if (this.accepting) tick();
      }, intervalMs);
      timer.unref();
      this.timers.push(timer);
    };
    tick();
  }

  private async executeJob(runId: string): Promise<void> {
    const { logger } = this.settings;
    const claim = await this.claimRun(runId);
    if (claim === 'busy') {
      // The cluster-wide cap is reached: the run stays PENDING and its job comes back a little later.
      await this.settings.boss.send(
        runQueueName,
        { runId },
        { startAfter: this.settings.busyRetrySeconds, retryLimit: 0 },
      );
      return;
    }
    if (claim === 'gone') return;
    const controller = new AbortController();
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    this.running.set(runId, { controller, done });
    const runLogger = logger.child({ runId });
    try {
      await this.runClaimed(runId, controller, runLogger);
    } catch (error) {
      runLogger.error({ err: error }, 'sync run bookkeeping failed');
    } finally {
      this.running.delete(runId);
      resolveDone();
    }
  }

  /**
   * Moves a PENDING run to IN_PROGRESS for this worker. With a cluster-wide cap, claims are serialized by a
   * transaction-level advisory lock so that replicas counting running syncs at the same moment cannot
   * overshoot it.
   */
  private async claimRun(runId: string): Promise<'claimed' | 'gone' | 'busy'> {
    const claimSql = `UPDATE sis_sync_runs SET status = 'IN_PROGRESS', started_at = now(), heartbeat_at = now(), worker_id = $2
        WHERE id = $1 AND status = 'PENDING' RETURNING id`;
    const { pool, workerId, maxConcurrentSyncsTotal } = this.settings;
    if (maxConcurrentSyncsTotal === undefined) {
      return (await pool.query(claimSql, [runId, workerId])).rowCount === 1 ? 'claimed' : 'gone';
    }
    return withPooledClient(pool, async (client) => {
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [claimAdvisoryLockKey]);
        const running = await client.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM sis_sync_runs WHERE status = 'IN_PROGRESS'`,
        );
        if ((running.rows[0]?.count ?? 0) >= maxConcurrentSyncsTotal) {
          await client.query('ROLLBACK');
          const pending = await pool.query(
            `SELECT 1 FROM sis_sync_runs WHERE id = $1 AND status = 'PENDING'`,
            [runId],
          );
          return pending.rowCount === 1 ? 'busy' : 'gone';
        }
        const claimed = await client.query(claimSql, [runId, workerId]);
        await client.query('COMMIT');
        return claimed.rowCount === 1 ? 'claimed' : 'gone';
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  private async runClaimed(runId: string, controller: AbortController, logger: Logger): Promise<void> {
    const { prisma, pool, cipher } = this.settings;
    const run = await prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
    const provider = await prisma.sisProvider.findUnique({ where: { id: run.providerId } });
    if (!provider) {
      await this.finishRun(runId, { status: 'FAILURE', errorMessage: 'Provider was deleted' });
      return;
    }
    if (!provider.enabled) {
      await this.finishRun(runId, { status: 'FAILURE', errorMessage: 'Provider disabled' });
      return;
    }
    const heartbeat = setInterval(async () => {
      try {
        const beat = await pool.query<{ cancel_requested_at: Date | null }>(
          `UPDATE sis_sync_runs SET heartbeat_at = now() WHERE id = $1 AND status = 'IN_PROGRESS'
           RETURNING cancel_requested_at`,
          [runId],
        );
        const row = beat.rows[0];
        if (!row) controller.abort(new RunAbort('lost'));
        else if (row.cancel_requested_at) controller.abort(new RunAbort('cancel'));
      } catch (error) {
        logger.warn({ err: error }, 'sync heartbeat failed');
      }
    }, this.settings.heartbeatIntervalMs);
    const lockTimer = setTimeout(
      () => controller.abort(new RunAbort('timeout')),
      Math.max(0, run.startedAt.getTime() + this.settings.lockTimeoutMs - Date.now()),
    );
    logger.info({ providerId: provider.id, mode: run.mode, dryRun: run.dryRun }, 'sync started');
    let result: RunExecutionResult | undefined;
    let failure: unknown;
    try {
      const config = cipher.decrypt(provider.configJson, provider.id) as Record<string, unknown>;
      assertSourceUrlsAllowed(config, this.settings.sourceUrlPolicy);
      result = await this.settings.executeRun({
        run,
        provider,
        config,
        signal: controller.signal,
        logger,
        reportProgress: async (progress: RunProgress) => {
          await pool.query(
            `UPDATE sis_sync_runs SET progress_json = $2, heartbeat_at = now() WHERE id = $1 AND status = 'IN_PROGRESS'`,
            [runId, JSON.stringify(progress)],
          );
        },
      });
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(heartbeat);
      clearTimeout(lockTimer);
    }
    const abort = controller.signal.aborted ? (controller.signal.reason as RunAbort) : undefined;
    if (abort?.kind === 'lost') {
      logger.warn('sync run was ended elsewhere (sweeper or operator); its outcome was not recorded');
      return;
    }
    if (abort?.kind === 'cancel') {
      await this.finishRun(runId, { status: 'CANCELLED', stats: result?.stats });
    } else if (abort?.kind === 'timeout') {
      await this.finishRun(runId, {
        status: 'FAILURE',
        errorMessage: sweepMessages.timedOut(this.settings.lockTimeoutMs),
      });
    } else if (abort?.kind === 'shutdown') {
      await this.finishRun(runId, {
        status: 'FAILURE',
        errorMessage:
          'The service shut down during this sync; batches already written were kept. Run it again.',
      });
    } else if (failure !== undefined) {
      const message = failure instanceof Error ? failure.message : String(failure);
      logger.warn({ err: failure }, 'sync failed');
      await this.finishRun(runId, {
        status: 'FAILURE',
        errorMessage: redactSecretsInText(message).slice(0, 2_000),
      });
    } else {
      await this.finishRun(runId, {
        status: result?.status ?? 'SUCCESS',
        stats: result?.stats,
        heldDeactivations: result?.heldDeactivations,
        errorMessage: result?.message,
      });
    }
    logger.info('sync finished');
  }

  private async finishRun(
    runId: string,
    outcome: {
      status: 'SUCCESS' | 'PARTIAL' | 'FAILURE' | 'CANCELLED';
      stats?: Record<string, unknown> | undefined;
      heldDeactivations?: Record<string, unknown> | undefined;
      errorMessage?: string | undefined;
    },
  ): Promise<void> {
    const { pool } = this.settings;
    // One statement, so nobody ever sees a finished run whose provider has no last sync time yet.
    const finished = await pool.query<{ provider_id: string }>(
      `WITH finished AS (
         UPDATE sis_sync_runs
            SET status = $2, completed_at = now(), stats_json = coalesce($3::jsonb, stats_json),
                held_deactivations_json = $4::jsonb, held_status = CASE WHEN $4::jsonb IS NULL THEN NULL ELSE 'HELD' END,
                error_message = CASE WHEN $6::boolean THEN $5 ELSE coalesce($5, error_message) END
          WHERE id = $1 AND status IN ('PENDING', 'IN_PROGRESS')
          RETURNING provider_id
       ), touched AS (
         UPDATE sis_providers SET last_sync_at = now() FROM finished WHERE sis_providers.id = finished.provider_id
       )
       SELECT provider_id FROM finished`,
      [
        runId,
        outcome.status,
        outcome.stats === undefined ? null : JSON.stringify(outcome.stats),
        outcome.heldDeactivations === undefined ? null : JSON.stringify(outcome.heldDeactivations),
        outcome.errorMessage ?? null,
        // A run that succeeded drops a message left by a cancel request that came too late to stop it.
        outcome.status === 'SUCCESS' || outcome.status === 'PARTIAL',
      ],
    );
    const providerId = finished.rows[0]?.provider_id;
    if (providerId) {
      await pruneStagedRuns(pool, providerId, this.settings.keepStagedRuns);
    }
  }
}
