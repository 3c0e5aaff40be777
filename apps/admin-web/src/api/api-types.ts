/**
 * Shapes the page reads from sis-sync-svc's REST API (`/api/v1`). They are checked against the
 * service's served OpenAPI document by `api-contract` tests, so a drift fails a test.
 */

/** The four kinds of source a district can connect. */
export type ProviderType = 'CLEVER' | 'CLASSLINK' | 'ONEROSTER_API' | 'ONEROSTER_CSV';

/** Roles the service accepts in the JWT `role` claim. */
export type AdminRole = 'DISTRICT_ADMIN' | 'PLATFORM_ADMIN';

/** A secret as the API returns it: only whether it is set, never its value. */
export type SecretMarker = { set: boolean };

/** A provider's stored configuration as returned: plain values, nested objects and secret markers. */
export type ProviderConfigView = {
  [key: string]: string | number | boolean | null | SecretMarker | ProviderConfigView;
};

/** Run statuses (SPEC.md's plus CANCELLED). */
export type SyncRunStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'PARTIAL' | 'FAILURE' | 'CANCELLED';

export interface Provider {
  id: string;
  tenantId: string;
  providerType: ProviderType;
  name: string;
  config: ProviderConfigView;
  enabled: boolean;
  syncSchedule: string | null;
  timeZone: string | null;
  lastSyncAt: string | null;
  lastStatus?: SyncRunStatus | null;
  nextRunAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface CreateProviderBody {
  tenantId: string;
  providerType: ProviderType;
  name: string;
  config: Record<string, unknown>;
  syncSchedule?: string | null;
  timeZone?: string;
}

export interface UpdateProviderBody {
  name?: string;
  config?: Record<string, unknown>;
  enabled?: boolean;
  syncSchedule?: string | null;
  timeZone?: string;
}

export interface SyncStatus {
  isRunning: boolean;
  lastSync: string | null;
  lastStatus: SyncRunStatus | null;
  currentRunId?: string | null;
}

/** Per-entity counts of one run. */
export interface EntityStats {
  created?: number;
  updated?: number;
  unchanged?: number;
  deactivated?: number;
  reactivated?: number;
  skipped?: number;
  issues?: number;
}

export interface RunProgress {
  entity?: string | null;
  phase?: string | null;
  processed?: number;
  total?: number | null;
}

/** Deactivations a run held back because they passed the safety threshold. */
export interface HeldDeactivations {
  status?: 'HELD' | 'APPROVED' | 'DISCARDED' | string;
  entities: Record<string, number>;
  reason?: string | null;
}

export interface SyncRun {
  id: string;
  providerId: string;
  status: SyncRunStatus;
  startedAt: string | null;
  completedAt: string | null;
  stats: Record<string, EntityStats> | null;
  errorMessage: string | null;
  isManual: boolean;
  dryRun?: boolean;
  mode?: 'full' | 'delta' | null;
  triggeredBy?: string | null;
  progress?: RunProgress | null;
  held?: HeldDeactivations | null;
  issuesCount?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface RunIssue {
  id?: string;
  entity: string | null;
  sourcedId: string | null;
  code?: string | null;
  message: string;
  location?: string | null;
  createdAt?: string;
}

export interface ConnectionTestResult {
  success: boolean;
  message: string;
}

export interface SchedulePreset {
  id: string;
  cron: string;
  label: string;
}

export interface StartSyncOptions {
  dryRun?: boolean;
  mode?: 'full' | 'delta';
}
