import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WorkloadRequest, WorkloadResult } from './workload-messages.js';

/**
 * Runs one sync in a fresh child process (`sync-workload.js`), so its peak RSS is the syncing process's own,
 * and returns what the child measured. `cpuProfileDirectory` adds `--cpu-prof` to the child;
 * `maxOldSpaceMb` its V8 old-space limit.
 */
export async function runWorkloadProcess(
  request: WorkloadRequest,
  options: { cpuProfileDirectory?: string; maxOldSpaceMb?: number } = {},
): Promise<WorkloadResult> {
  const script = fileURLToPath(new URL('./sync-workload.js', import.meta.url));
  const nodeArguments = [
    ...(options.cpuProfileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDirectory}`] : []),
    ...(options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : []),
    // A TypeScript executor module (see --executor-module) is loaded through tsx.
    ...(request.executorModule?.endsWith('.ts') ? ['--import', 'tsx'] : []),
  ];
  const child = spawn(process.execPath, [...nodeArguments, script], {
    env: { ...process.env, BENCH_WORKLOAD: JSON.stringify(request) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  if (exitCode !== 0) {
    throw new Error(`The sync workload process for "${request.providerName}" exited with code ${exitCode}`);
  }
  const result = JSON.parse(await readFile(request.resultFile, 'utf8')) as WorkloadResult;
  await rm(request.resultFile, { force: true });
  return result;
}
