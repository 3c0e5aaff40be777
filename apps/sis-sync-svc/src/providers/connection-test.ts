import { FeatureUnavailableError } from '../errors/feature-unavailable-error.js';
import type { SisProvider } from '../generated/prisma/client.js';

/** Result of a provider connection test, as SPEC.md shows it. */
export interface ConnectionTestResult {
  success: boolean;
  message: string;
  /** What is at fault when it failed: credentials, network reach or an expired token. */
  reason?: string;
}

/**
 * The provider a connection test is for: a stored row, or the type and tenant of a config not saved yet
 * (then it has no id).
 */
export interface ConnectionTestTarget {
  tenantId: string;
  providerType: string;
  id?: string;
}

/** Tests a provider's connection with its decrypted (or not yet saved) config; injected so connectors can plug in. */
export type TestConnection = (input: {
  provider: ConnectionTestTarget;
  config: Record<string, unknown>;
  signal: AbortSignal;
}) => Promise<ConnectionTestResult>;

/** Default connection test: reports that this build has no connector for the provider yet. */
export const testConnectionUnavailable: TestConnection = async ({ provider }) => {
  throw new FeatureUnavailableError(
    `Connection tests for ${provider.providerType} providers are not available in this build of sis-sync-svc yet`,
  );
};

/** Applies a held set of deactivations; injected with the sync engine. */
export type ApplyHeldDeactivations = (input: {
  runId: string;
  provider: SisProvider;
  held: unknown;
}) => Promise<{ deactivated: Record<string, number> }>;

/** Default: this build cannot apply held deactivations (no roster store wired in). */
export const applyHeldDeactivationsUnavailable: ApplyHeldDeactivations = async () => {
  throw new FeatureUnavailableError(
    'Approving held deactivations needs the sync engine, which is not available in this build of sis-sync-svc yet',
  );
};

/** Discards a run's held deactivations in the roster store (the rows stay active); returns how many sets. */
export type DiscardHeldDeactivations = (input: { runId: string; provider: SisProvider }) => Promise<number>;
