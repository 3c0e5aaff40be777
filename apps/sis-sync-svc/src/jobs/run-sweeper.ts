import type pg from 'pg';

/** Settings of {@link sweepStaleRuns}. */
export interface SweepSettings {
  /** A running sync whose heartbeat is older than this is taken as orphaned by a dead worker. */
  staleAfterMs: number;
  /** SYNC_LOCK_TIMEOUT: a run older than this is failed and its provider unlocked. */
  lockTimeoutMs: number;
}

/** Runs changed by one sweep. */
export interface SweepResult {
  orphaned: string[];
  timedOut: string[];
}

/** Messages admins see on runs ended by the sweeper. */
export const sweepMessages = {
  orphaned:
    'The worker running this sync stopped unexpectedly (process crash, kill or lost database connection); nothing after its last batch was applied. Run the sync again.',
  timedOut: (lockTimeoutMs: number) =>
    `The sync did not finish within SYNC_LOCK_TIMEOUT (${Math.round(lockTimeoutMs / 60_000)} min) and was stopped; raise SYNC_LOCK_TIMEOUT for very large districts or check the provider's responsiveness.`,
};

/**
 * Fails runs left behind: IN_PROGRESS with a stale heartbeat (crashed worker), and any queued or running
 * run older than the lock timeout. Every replica may run it; each row changes once.
 */
export async function sweepStaleRuns(pool: pg.Pool, settings: SweepSettings): Promise<SweepResult> {
  const orphaned = await pool.query<{ id: string }>(
    `UPDATE sis_sync_runs
        SET status = 'FAILURE', completed_at = now(), error_message = $2
      WHERE status = 'IN_PROGRESS'
        AND coalesce(heartbeat_at, started_at) < now() - make_interval(secs => $1::double precision / 1000)
        AND started_at >= now() - make_interval(secs => $3::double precision / 1000)
      RETURNING id`,
    [settings.staleAfterMs, sweepMessages.orphaned, settings.lockTimeoutMs],
  );
  const timedOut = await pool.query<{ id: string }>(
    `UPDATE sis_sync_runs
        SET status = 'FAILURE', completed_at = now(), error_message = $2
      WHERE status IN ('PENDING', 'IN_PROGRESS')
        AND started_at < now() - make_interval(secs => $1::double precision / 1000)
      RETURNING id`,
    [settings.lockTimeoutMs, sweepMessages.timedOut(settings.lockTimeoutMs)],
  );
  return { orphaned: orphaned.rows.map((row) => row.id), timedOut: timedOut.rows.map((row) => row.id) };
}
