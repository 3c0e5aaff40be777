/**
 * A service process for crash tests: what `sis-sync serve` does (configuration from the environment, API on
 * HOST:PORT, sync workers), with reconciliation batches of RELIABILITY_SYNC_BATCH_SIZE records so a kill can
 * land in the middle of loading an entity. Prints one JSON line `{"ready":true,"url":…}` when it listens.
 * Run with `node --import tsx`.
 */
import type { ApplyHeldDeactivations, ExecuteRun } from '@aivo/sis-sync-svc';
import { loadServiceConfig, startService } from '@aivo/sis-sync-svc';
import { syncExecution as execution } from './service-extensions.js';

const config = loadServiceConfig(process.env, process.cwd());
let executeRun: ExecuteRun | undefined;
let applyHeld: ApplyHeldDeactivations | undefined;
const service = await startService({
  config,
  printAdminAccess: false,
  executeRun: (input) => executeRun!(input),
  applyHeldDeactivations: (input) => applyHeld!(input),
  testConnection: execution.createTestConnection(),
});
// RELIABILITY_SYNC_BATCH_SIZE: small batches give crash tests a load phase to land in.
const batchSize = Number(process.env.RELIABILITY_SYNC_BATCH_SIZE) || undefined;
executeRun = execution.createExecuteRun(service.database.pool, batchSize ? { batchSize } : {});
applyHeld = execution.createApplyHeldDeactivations(service.database.pool);
process.stdout.write(`${JSON.stringify({ ready: true, url: service.url })}\n`);
process.once('SIGTERM', () => {
  service.stop().then(() => process.exit(0));
});
