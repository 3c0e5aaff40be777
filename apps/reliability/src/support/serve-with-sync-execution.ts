/**
 * A service process for crash tests: what `sis-sync serve` does (configuration from the environment, API on
 * HOST:PORT, sync workers), with the real sync executor wired (see {@link findSyncExecution}). Prints one
 * JSON line `{"ready":true,"url":…}` when it listens. Run with `node --import tsx`.
 */
import type { ApplyHeldDeactivations, ExecuteRun } from '@aivo/sis-sync-svc';
import { loadServiceConfig, startService } from '@aivo/sis-sync-svc';
import { findSyncExecution } from './service-extensions.js';

const config = loadServiceConfig(process.env, process.cwd());
const execution = await findSyncExecution();
if (!execution) throw new Error('This build of @aivo/sis-sync-svc has no sync executor to test');
let executeRun: ExecuteRun | undefined;
let applyHeld: ApplyHeldDeactivations | undefined;
const service = await startService({
  config,
  printAdminAccess: false,
  executeRun: (input) => executeRun!(input),
  applyHeldDeactivations: (input) => applyHeld!(input),
});
// RELIABILITY_SYNC_BATCH_SIZE: small batches give crash tests a load phase to land in.
const batchSize = Number(process.env.RELIABILITY_SYNC_BATCH_SIZE) || undefined;
executeRun = execution.createExecuteRun(service.database.pool, batchSize ? { batchSize } : {});
applyHeld = execution.createApplyHeldDeactivations(service.database.pool);
process.stdout.write(`${JSON.stringify({ ready: true, url: service.url })}\n`);
process.once('SIGTERM', () => {
  service.stop().then(() => process.exit(0));
});
