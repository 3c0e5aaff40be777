export type { ApiDependencies } from './api/api-dependencies.js';
export { ApiError } from './api/api-error.js';
export { createApi } from './api/create-api.js';
export type { ServiceConfig } from './config/service-config.js';
export { ConfigurationError, loadServiceConfig, serviceEnvironmentSchema } from './config/service-config.js';
export type { MigrationResult } from './database/apply-migrations.js';
export { applyMigrations, migrationAdvisoryLockKey } from './database/apply-migrations.js';
export { createPrismaClient } from './database/create-prisma-client.js';
export type { EmbeddedDatabase, EmbeddedDatabaseSettings } from './database/embedded-database.js';
export { startEmbeddedDatabase } from './database/embedded-database.js';
export { FeatureUnavailableError } from './errors/feature-unavailable-error.js';
export type { ExecuteRun, ExecuteRunInput, RunExecutionResult, RunProgress } from './jobs/execute-run.js';
export { executeRunUnavailable } from './jobs/execute-run.js';
export type {
  CancelResult,
  SyncCoordinatorSettings,
  TriggerOptions,
  TriggerResult,
} from './jobs/sync-coordinator.js';
export { SyncCoordinator } from './jobs/sync-coordinator.js';
export { runQueueName, scheduleQueueName } from './jobs/sync-queue-names.js';
export { createLogger } from './logging/create-logger.js';
export type {
  ApplyHeldDeactivations,
  ConnectionTestResult,
  ConnectionTestTarget,
  TestConnection,
} from './providers/connection-test.js';
export {
  classLinkConfigSchema,
  cleverConfigSchema,
  oneRosterApiConfigSchema,
  oneRosterCsvConfigSchema,
  providerConfigSchemas,
  secretConfigPaths,
} from './providers/provider-config-schemas.js';
export type { PostgresRosterStoreSettings } from './roster-store/postgres-roster-store.js';
export { createPostgresRosterStore } from './roster-store/postgres-roster-store.js';
export { schedulePresets } from './schedule/schedule-presets.js';
export type { AdminRole, Principal } from './security/access-token.js';
export { adminRoles, createTokenVerifier, issueAccessToken } from './security/access-token.js';
export type { ConfigCipher } from './security/config-cipher.js';
export { createConfigCipher } from './security/config-cipher.js';
export { maskSecrets } from './security/secret-fields.js';
export type { RunningService, StartServiceOptions } from './service/start-service.js';
export { startService } from './service/start-service.js';
export {
  createApplyHeldDeactivations,
  discardHeldDeactivations,
} from './sync/create-apply-held-deactivations.js';
export { createConnectionTest } from './sync/create-connection-test.js';
export type {
  ConnectorFactory,
  ConnectorRuntimeOptions,
  SyncProviderType,
} from './sync/create-connector-for-provider.js';
export { createConnectorForProvider } from './sync/create-connector-for-provider.js';
export type { SyncExecutorSettings } from './sync/create-sync-executor.js';
export { createSyncExecutor, SyncRunFailedError } from './sync/create-sync-executor.js';
export type { ProviderSyncState } from './sync/provider-sync-state.js';
export { loadProviderSyncState, saveProviderSyncSettings } from './sync/provider-sync-state.js';
