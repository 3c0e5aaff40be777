import type { components, paths } from './openapi.generated';

/**
 * Shapes of sis-sync-svc's REST API (`/api/v1`), taken from the types generated out of its OpenAPI
 * document (`openapi.generated.ts`), so a change in the service breaks the typecheck here.
 */
type Schemas = components['schemas'];

export type Provider = Schemas['Provider'];
export type ProviderType = Provider['providerType'];
export type CreateProviderBody = Schemas['CreateProvider'];
export type UpdateProviderBody = Schemas['UpdateProvider'];
export type TestProviderConfigBody = Schemas['TestProviderConfig'];
export type SyncRun = Schemas['SyncRun'];
export type SyncRunDetail = Schemas['SyncRunDetail'];
export type SyncStatus = Schemas['SyncStatus'];
export type RunIssue = Schemas['RunIssue'];
export type ConnectionTestResult = Schemas['ConnectionTest'];
export type SchedulePreset = Schemas['SchedulePresetList']['presets'][number];
export type StartSyncOptions = Schemas['TriggerSync'];
export type TriggeredSync = Schemas['TriggeredSync'];
export type HeldDecision = Schemas['HeldDecision'];

/** Every endpoint the page calls; a path the service no longer serves fails the typecheck. */
export const usedEndpoints = [
  ['get', '/tenants/{tenantId}/providers'],
  ['post', '/providers'],
  ['get', '/providers/{providerId}'],
  ['patch', '/providers/{providerId}'],
  ['delete', '/providers/{providerId}'],
  ['post', '/providers/{providerId}/test'],
  ['post', '/providers/test'],
  ['post', '/providers/{providerId}/sync'],
  ['post', '/providers/{providerId}/sync/cancel'],
  ['get', '/providers/{providerId}/sync/status'],
  ['get', '/providers/{providerId}/runs'],
  ['get', '/runs/{runId}'],
  ['get', '/runs/{runId}/issues'],
  ['post', '/runs/{runId}/held/approve'],
  ['post', '/runs/{runId}/held/discard'],
  ['get', '/schedule-presets'],
] as const satisfies readonly {
  [P in keyof paths]: readonly [Exclude<keyof paths[P] & string, 'parameters'>, P];
}[keyof paths][];

/** Roles the service accepts in the JWT `role` claim. */
export type AdminRole = 'DISTRICT_ADMIN' | 'PLATFORM_ADMIN';

/** A secret as the API returns it: only whether it is set, never its value. */
export type SecretMarker = { set: boolean };

/** Per-entity counts of one run (sync-core's statistics). */
export interface EntityStats {
  created?: number;
  updated?: number;
  unchanged?: number;
  deactivated?: number;
  reactivated?: number;
  skipped?: number;
  issues?: number;
  /** Deactivations held back by the safety threshold. */
  held?: number;
}

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
