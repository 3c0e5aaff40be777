import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serviceCliPath } from './service-cli.js';

/** A service running as its own process, to be killed like a real deployment. */
export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, the run it executes is left IN_PROGRESS. */
  kill(): Promise<void>;
}

/**
 * `cli`: the real `sis-sync serve`. `small-batches`: the same service with reconciliation batches of
 * `RELIABILITY_SYNC_BATCH_SIZE` records, so a tiny district's run reports progress in the middle of loading an
 * entity and a kill can land there (`src/support/serve-with-sync-execution.ts`, run with tsx).
 */
export type ServiceProcessKind = 'cli' | 'small-batches';

const smallBatchesRunner = fileURLToPath(new URL('./serve-with-sync-execution.ts', import.meta.url));
// `sis-sync serve` logs `{"url":…,"msg":"sis-sync-svc is listening"}`; the runner prints `{"ready":true,"url":…}`.
const readyPatterns = [
  /"url":"([^"]+)","msg":"sis-sync-svc is listening"/,
  /\{"ready":true,"url":"([^"]+)"\}/,
];

/** Starts the service as a child process on 127.0.0.1 (any free port) and waits until it listens. */
export async function startServiceProcess(
  environment: Record<string, string>,
  kind: ServiceProcessKind = 'cli',
): Promise<ServiceProcess> {
  const args = kind === 'cli' ? [serviceCliPath, 'serve'] : ['--import', 'tsx', smallBatchesRunner];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the service process did not start:\n${output}`)),
      120_000,
    );
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      for (const pattern of readyPatterns) {
        const ready = pattern.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
          return;
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service process exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
