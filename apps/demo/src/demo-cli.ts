#!/usr/bin/env node
import { demoUsage, parseDemoOptions } from './demo-options.js';
import { formatDemoSummary } from './format-demo-summary.js';
import { runDemo } from './run-demo.js';

const notAvailable = /not available in this build/i;

async function main(): Promise<number> {
  // `pnpm demo -- --exit` passes the `--` through: skip it.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  const options = parseDemoOptions(args, process.env);
  if (options === 'help') {
    process.stdout.write(`${demoUsage}\n`);
    return 0;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const demo = await runDemo(options, process.env, print);
  print('');
  print(formatDemoSummary(demo.runs));
  for (const run of demo.runs.filter((candidate) => candidate.status !== 'SUCCESS')) {
    print(
      `  ${run.tenantId} / ${run.name}: ${run.status}${run.errorMessage ? ` — ${run.errorMessage}` : ''}`,
    );
  }
  print('');
  print(`Admin page: ${demo.adminUrl}`);
  print(`API:        ${demo.serviceUrl}/api/v1  (OpenAPI: ${demo.serviceUrl}/api/v1/openapi.json)`);
  print(`PLATFORM_ADMIN token (valid 7 days): ${demo.token}`);
  print(`Data folder (kept; re-running is safe): ${options.dataDirectory}`);
  const failed = demo.runs.filter((run) => run.status !== 'SUCCESS');
  if (demo.runs.some((run) => notAvailable.test(run.errorMessage ?? ''))) {
    process.stderr.write(
      '\nERROR: this build of sis-sync-svc cannot execute syncs yet (no sync executor is wired), so no roster was read. Nothing above is a real sync result.\n',
    );
    await demo.stop();
    return 1;
  }
  if (options.exit) {
    await demo.stop();
    return failed.length > 0 ? 1 : 0;
  }
  print('');
  print('Running until Ctrl-C…');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  print('Stopping…');
  await demo.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `\nThe demo could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
