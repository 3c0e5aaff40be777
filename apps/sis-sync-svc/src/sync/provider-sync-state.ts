import type { RosterEntity } from '@aivo/connector-sdk';
import type { SyncThresholds } from '@aivo/sync-core';
import type pg from 'pg';

/** What the executor keeps per provider between runs (`sis_provider_sync_state`). */
export interface ProviderSyncState {
  /** Where the next delta read starts: the connector's cursor (Clever event id) or an ISO time. */
  deltaCursor: string | undefined;
  createUnmatchedUsers: boolean;
  thresholds: SyncThresholds;
}

/** Reads a provider's sync state; a provider without a row gets the defaults (create users, 10% hold). */
export async function loadProviderSyncState(pool: pg.Pool, providerId: string): Promise<ProviderSyncState> {
  const result = await pool.query<{
    delta_cursor: string | null;
    create_unmatched_users: boolean;
    max_deactivate_percent: number | null;
    max_deactivate_percent_by_entity: Partial<Record<RosterEntity, number>> | null;
  }>(
    `SELECT delta_cursor, create_unmatched_users, max_deactivate_percent, max_deactivate_percent_by_entity
       FROM sis_provider_sync_state WHERE provider_id = $1`,
    [providerId],
  );
  const row = result.rows[0];
  return {
    deltaCursor: row?.delta_cursor ?? undefined,
    createUnmatchedUsers: row?.create_unmatched_users ?? true,
    thresholds: {
      ...(row?.max_deactivate_percent != null ? { maxDeactivatePercent: row.max_deactivate_percent } : {}),
      ...(row?.max_deactivate_percent_by_entity
        ? { maxDeactivatePercentByEntity: row.max_deactivate_percent_by_entity }
        : {}),
    },
  };
}

/** Stores where the next delta read of the provider starts, after a run that read everything. */
export async function saveDeltaCursor(
  pool: pg.Pool,
  providerId: string,
  cursor: { deltaCursor: string; runId: string },
): Promise<void> {
  await pool.query(
    `INSERT INTO sis_provider_sync_state (provider_id, delta_cursor, delta_cursor_run_id, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (provider_id) DO UPDATE
       SET delta_cursor = excluded.delta_cursor, delta_cursor_run_id = excluded.delta_cursor_run_id, updated_at = now()`,
    [providerId, cursor.deltaCursor, cursor.runId],
  );
}

/** Changes a provider's reconciliation settings (fields left out keep their value). */
export async function saveProviderSyncSettings(
  pool: pg.Pool,
  providerId: string,
  settings: {
    createUnmatchedUsers?: boolean;
    maxDeactivatePercent?: number | null;
    maxDeactivatePercentByEntity?: Partial<Record<RosterEntity, number>> | null;
  },
): Promise<void> {
  await pool.query(
    `INSERT INTO sis_provider_sync_state (provider_id, create_unmatched_users, max_deactivate_percent, max_deactivate_percent_by_entity)
     VALUES ($1, coalesce($2, true), $3, $4::jsonb)
     ON CONFLICT (provider_id) DO UPDATE
       SET create_unmatched_users = coalesce($2, sis_provider_sync_state.create_unmatched_users),
           max_deactivate_percent = CASE WHEN $5 THEN $3 ELSE sis_provider_sync_state.max_deactivate_percent END,
           max_deactivate_percent_by_entity = CASE WHEN $6 THEN $4::jsonb
                                                   ELSE sis_provider_sync_state.max_deactivate_percent_by_entity END,
           updated_at = now()`,
    [
      providerId,
      settings.createUnmatchedUsers ?? null,
      settings.maxDeactivatePercent ?? null,
      settings.maxDeactivatePercentByEntity ? JSON.stringify(settings.maxDeactivatePercentByEntity) : null,
      settings.maxDeactivatePercent !== undefined,
      settings.maxDeactivatePercentByEntity !== undefined,
    ],
  );
}
