import type { SisProvider, SisProviderSyncState, SisSyncRun } from '../generated/prisma/client.js';
import { nextScheduledRun } from '../schedule/resolve-schedule.js';
import type { ConfigCipher } from '../security/config-cipher.js';
import { maskSecrets } from '../security/secret-fields.js';
import type { ProviderTypeName } from './provider-config-schemas.js';
import {
  defaultProviderSyncSettings,
  type ProviderSyncSettings,
  toProviderSyncSettings,
} from './provider-sync-settings.js';

/** A provider as the API shows it: secrets replaced by `{ set }` markers. */
export interface ProviderView {
  id: string;
  tenantId: string;
  providerType: ProviderTypeName;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  syncSchedule: string | null;
  syncTimezone: string;
  nextSyncAt: string | null;
  lastSyncAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Reconciliation settings (`sis_provider_sync_state`); null limits mean the default. */
  syncSettings: ProviderSyncSettings;
}

/** Builds the API view of a provider, decrypting its config only to mask it. */
export function toProviderView(
  provider: SisProvider & { syncState?: SisProviderSyncState | null },
  cipher: ConfigCipher,
): ProviderView {
  const providerType = provider.providerType as ProviderTypeName;
  const next =
    provider.enabled && provider.syncSchedule
      ? nextScheduledRun(provider.syncSchedule, provider.syncTimezone)
      : undefined;
  return {
    id: provider.id,
    tenantId: provider.tenantId,
    providerType,
    name: provider.name,
    config: maskSecrets(providerType, cipher.decrypt(provider.configJson, provider.id)),
    enabled: provider.enabled,
    syncSchedule: provider.syncSchedule,
    syncTimezone: provider.syncTimezone,
    nextSyncAt: next ? next.toISOString() : null,
    lastSyncAt: provider.lastSyncAt ? provider.lastSyncAt.toISOString() : null,
    createdAt: provider.createdAt.toISOString(),
    updatedAt: provider.updatedAt.toISOString(),
    syncSettings: provider.syncState
      ? toProviderSyncSettings(provider.syncState)
      : defaultProviderSyncSettings,
  };
}

/** A sync run as the API shows it (SPEC.md's SisSyncRun plus this service's additions). */
export interface RunView {
  id: string;
  providerId: string;
  tenantId: string;
  status: string;
  mode: string;
  dryRun: boolean;
  isManual: boolean;
  triggeredBy: string;
  createdAt: string;
  startedAt: string;
  completedAt: string | null;
  heartbeatAt: string | null;
  cancelRequested: boolean;
  statsJson: unknown;
  progress: unknown;
  heldStatus: string | null;
  errorMessage: string | null;
}

/** Builds the API view of a run. */
export function toRunView(run: SisSyncRun): RunView {
  return {
    id: run.id,
    providerId: run.providerId,
    tenantId: run.tenantId,
    status: run.status,
    mode: run.mode,
    dryRun: run.dryRun,
    isManual: run.isManual,
    triggeredBy: run.triggeredBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt.toISOString(),
    completedAt: run.completedAt ? run.completedAt.toISOString() : null,
    heartbeatAt: run.heartbeatAt ? run.heartbeatAt.toISOString() : null,
    cancelRequested: run.cancelRequestedAt !== null,
    statsJson: run.statsJson ?? null,
    progress: run.progressJson ?? null,
    heldStatus: run.heldStatus,
    errorMessage: run.errorMessage,
  };
}
