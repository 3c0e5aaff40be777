import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type DistrictSizeName, isDistrictSizeName } from '@aivo/sis-simulator';

/** The sources a benchmark run can sync from. */
export const benchSources = ['csv', 'clever', 'oneroster'] as const;
export type BenchSource = (typeof benchSources)[number];

/** Settings of one `pnpm bench` run. */
export interface BenchOptions {
  /** District size of the OneRoster CSV workloads. */
  size: DistrictSizeName;
  /** District size of the Clever and OneRoster REST workloads. */
  apiSize: DistrictSizeName;
  repeat: number;
  sources: BenchSource[];
  seed: string;
  /** Write a V8 CPU profile of every syncing child process and summarize it. */
  cpuProfile: boolean;
  /** Folder of the JSON results (and profiles). */
  resultsDirectory: string;
  /** Absolute path of a module exporting `createSyncExecutor`, used instead of the service package's. */
  executorModule: string | undefined;
  /** V8 old-space limit of each syncing child in MB (`--max-old-space-size`); undefined: Node's default. */
  maxOldSpaceMb: number | undefined;
}

export const benchUsage = `Usage: pnpm bench [-- options]

Measures full sync, re-sync and day-2 sync of a simulated district through the service's sync path
(connector → staging → load) on an embedded PostgreSQL started for the run, against a COPY baseline.

Options:
  --size NAME        CSV district size: tiny | small | medium | large (default large)
  --api-size NAME    Clever and OneRoster REST district size (default medium)
  --repeat N         runs of every workload; the median is reported (default 1)
  --only LIST        comma-separated sources: csv,clever,oneroster (default all)
  --seed SEED        district seed (default 42)
  --cpu-prof         write a CPU profile of every syncing process and print where its time went
  --max-old-space MB run each syncing process with --max-old-space-size=MB, as a deployment would
                     (docs/performance.md, "Memory"); default: Node's own limit
  --results DIR      where the JSON results go (default bench/results)
  --executor-module PATH
                     take createSyncExecutor from this module (a .ts file runs under tsx) instead of
                     @aivo/sis-sync-svc, e.g. apps/sis-sync-svc/src/sync/create-sync-executor.ts`;

/**
 * Parses the command line; paths are taken from `workingDirectory` (where `pnpm bench` was typed). Throws an Error whose message says what to fix.
 */
export function parseBenchOptions(
  args: string[],
  defaultResultsDirectory: string,
  workingDirectory = process.cwd(),
): BenchOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      size: { type: 'string', default: 'large' },
      'api-size': { type: 'string', default: 'medium' },
      repeat: { type: 'string', default: '1' },
      only: { type: 'string', default: benchSources.join(',') },
      seed: { type: 'string', default: '42' },
      'cpu-prof': { type: 'boolean', default: false },
      'max-old-space': { type: 'string' },
      results: { type: 'string', default: defaultResultsDirectory },
      'executor-module': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  for (const [name, value] of [
    ['--size', values.size],
    ['--api-size', values['api-size']],
  ] as const) {
    if (!isDistrictSizeName(value))
      throw new Error(`Unknown ${name} "${value}": use tiny, small, medium or large.`);
  }
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new Error(`--repeat must be a whole number from 1, not "${values.repeat}".`);
  const maxOldSpace = values['max-old-space'] === undefined ? undefined : Number(values['max-old-space']);
  if (maxOldSpace !== undefined && (!Number.isInteger(maxOldSpace) || maxOldSpace < 64))
    throw new Error(
      `--max-old-space must be a whole number of MB from 64, not "${values['max-old-space']}".`,
    );
  const sources = values.only.split(',').map((source) => source.trim());
  const unknown = sources.filter((source) => !(benchSources as readonly string[]).includes(source));
  if (unknown.length > 0)
    throw new Error(`Unknown source in --only: ${unknown.join(', ')}; use ${benchSources.join(', ')}.`);
  return {
    size: values.size as DistrictSizeName,
    apiSize: values['api-size'] as DistrictSizeName,
    repeat,
    sources: sources as BenchSource[],
    seed: values.seed,
    cpuProfile: values['cpu-prof'],
    maxOldSpaceMb: maxOldSpace,
    resultsDirectory: resolve(workingDirectory, values.results),
    executorModule:
      values['executor-module'] === undefined
        ? undefined
        : resolve(workingDirectory, values['executor-module']),
  };
}
