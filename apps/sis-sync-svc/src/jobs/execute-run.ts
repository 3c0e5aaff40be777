import type { Logger } from 'pino';
import { FeatureUnavailableError } from '../errors/feature-unavailable-error.js';
import type { SisProvider, SisSyncRun } from '../generated/prisma/client.js';

/** Progress a running sync reports; stored on the run (`progress_json`) for the admin page. */
export interface RunProgress {
  /** Entity being read or loaded, e.g. `users`. */
  entity?: string;
  phase?: 'extract' | 'stage' | 'load' | 'finish';
  /** Records processed so far in this entity. */
  processed?: number;
  /** A human-readable note such as "waiting for the provider's rate limit". */
  message?: string;
  [key: string]: unknown;
}

/** What the job machinery hands to the sync executor. */
export interface ExecuteRunInput {
  run: SisSyncRun;
  provider: SisProvider;
  /** The decrypted provider config (secrets included); never log it. */
  config: Record<string, unknown>;
  /** Aborted on cancel, lock timeout or shutdown; stop at the next batch boundary. */
  signal: AbortSignal;
  reportProgress(progress: RunProgress): Promise<void>;
  logger: Logger;
}

/** What a finished sync reports. */
export interface RunExecutionResult {
  /** SUCCESS unless given; PARTIAL when something was held back or skipped. */
  status?: 'SUCCESS' | 'PARTIAL';
  /** Per-entity statistics, e.g. `{ users: { created: 3, updated: 1, … } }`. */
  stats?: Record<string, unknown>;
  /** Deactivations held by the safety threshold, waiting for approval. */
  heldDeactivations?: Record<string, unknown>;
  message?: string;
}

/**
 * Runs one sync. Injected into the service so the job machinery (locking, cancel, timeouts, crash
 * recovery) stays independent of how a roster is extracted and reconciled.
 */
export type ExecuteRun = (input: ExecuteRunInput) => Promise<RunExecutionResult>;

/**
 * The executor used when none is injected: it fails the run with a clear message. Roster extraction and
 * reconciliation (connectors + @aivo/sync-core + the Postgres roster store) are wired in a later release.
 */
export const executeRunUnavailable: ExecuteRun = async ({ provider }) => {
  throw new FeatureUnavailableError(
    `Roster sync execution is not available in this build of sis-sync-svc yet (provider type ${provider.providerType}); the run was recorded but nothing was read`,
  );
};
