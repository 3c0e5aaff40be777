import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the built `sis-sync` CLI. */
export const serviceCliPath = join(
  dirname(require.resolve('@aivo/sis-sync-svc/package.json')),
  'dist',
  'cli.js',
);

/** Output of one CLI command. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sis-sync <args>` as a child process with exactly the given environment (plus PATH). */
export function runServiceCli(args: string[], environment: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [serviceCliPath, ...args],
      { env: { PATH: process.env.PATH ?? '', ...environment }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
