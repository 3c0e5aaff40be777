/** What the benchmark asks one child process to do: one sync of one provider through the service. */
export interface WorkloadRequest {
  databaseUrl: string;
  encryptionKey: string;
  jwtSecret: string;
  tenantId: string;
  /** Found by name, created on first use. */
  providerName: string;
  providerType: 'CLEVER' | 'CLASSLINK' | 'ONEROSTER_API' | 'ONEROSTER_CSV';
  config: Record<string, unknown>;
  mode: 'full' | 'delta';
  /** Module to take `createSyncExecutor` from instead of `@aivo/sis-sync-svc` (loaded under tsx). */
  executorModule?: string;
  /** Where the child writes its {@link WorkloadResult} as JSON. */
  resultFile: string;
}

/** What one child process measured. */
export interface WorkloadResult {
  providerId: string;
  runId: string;
  status: string;
  errorMessage: string | null;
  stats: Record<string, Record<string, number>> | null;
  /** From the POST …/sync to the run's end as the API reports it (includes the job queue's pick-up). */
  endToEndMs: number;
  /** Time inside the service's sync executor (connector → staging → load), when it could be timed. */
  executorMs: number | undefined;
  /** `process.resourceUsage().maxRSS` at the end, in bytes: the peak of the whole syncing process. */
  peakRssBytes: number;
  /** RSS of the started service just before the sync, in bytes. */
  idleRssBytes: number;
  /** User + system CPU time of the whole child process, in milliseconds. */
  cpuMs: number;
}

/** Reads the request the parent put in the environment. */
export function readWorkloadRequest(environment: Record<string, string | undefined>): WorkloadRequest {
  const text = environment.BENCH_WORKLOAD;
  if (!text) throw new Error('BENCH_WORKLOAD is not set: this file is started by run-bench, not by hand');
  return JSON.parse(text) as WorkloadRequest;
}
