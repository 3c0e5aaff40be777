import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDistrict,
  type DistrictSizeName,
  type SimulatedDistrict,
  startCleverServer,
  startOneRosterServer,
  writeOneRosterCsv,
} from '@aivo/sis-simulator';
import { applyMigrations } from '@aivo/sis-sync-svc';
import pg from 'pg';
import {
  type BenchDatabase,
  databaseSize,
  startBenchDatabase,
  topStatementTimes,
  totalStatementTime,
} from './bench-database.js';
import { type BenchOptions, benchUsage, parseBenchOptions } from './bench-options.js';
import {
  formatResultsTable,
  summarizeWorkload,
  type WorkloadReport,
  type WorkloadSample,
} from './bench-report.js';
import { runCopyBaseline } from './copy-baseline.js';
import { median } from './median.js';
import { runWorkloadProcess } from './run-workload-process.js';
import { summarizeCpuProfileFile } from './summarize-cpu-profile.js';
import type { WorkloadRequest } from './workload-messages.js';

const syncDatabaseName = 'bench_sync';
/** The simulated Clever server's limit (Clever's documented 1,200 per minute). */
const cleverAllowedPerMinute = 1200;

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function totalRecords(district: SimulatedDistrict): number {
  return Object.values(district.groundTruth().records).reduce((sum, count) => sum + count, 0);
}

/** The per-process context of one benchmark run. */
interface BenchContext {
  options: BenchOptions;
  database: BenchDatabase;
  temporaryDirectory: string;
  secrets: { encryptionKey: string; jwtSecret: string };
  reports: Map<string, WorkloadReport>;
}

function reportFor(
  context: BenchContext,
  init: Omit<WorkloadReport, 'samples' | 'copyWallMs'>,
): WorkloadReport {
  let report = context.reports.get(init.name);
  if (!report) {
    report = { ...init, samples: [], copyWallMs: undefined };
    context.reports.set(init.name, report);
  }
  return report;
}

/** A fresh, migrated sync database and a pool on it. */
async function freshSyncDatabase(context: BenchContext): Promise<pg.Pool> {
  await context.database.recreateDatabase(syncDatabaseName);
  const pool = new pg.Pool({ connectionString: context.database.databaseUrl(syncDatabaseName), max: 2 });
  await applyMigrations(pool);
  return pool;
}

/** Runs one sync in a child process and records it as a sample of `report`. */
async function measureSync(
  context: BenchContext,
  pool: pg.Pool,
  report: WorkloadReport,
  request: Pick<WorkloadRequest, 'providerName' | 'providerType' | 'config' | 'mode'>,
  records: number,
  requestCounter?: { count(): number; clear(): void },
): Promise<void> {
  log(`${report.name} (${report.size}): syncing…`);
  requestCounter?.clear();
  const profileDirectory = context.options.cpuProfile
    ? join(context.options.resultsDirectory, 'profiles', `${report.name}-${report.samples.length + 1}`)
    : undefined;
  if (profileDirectory) await mkdir(profileDirectory, { recursive: true });
  const result = await runWorkloadProcess(
    {
      ...request,
      databaseUrl: context.database.databaseUrl(syncDatabaseName),
      ...context.secrets,
      tenantId: 'bench-district',
      ...(context.options.executorModule ? { executorModule: context.options.executorModule } : {}),
      resultFile: join(context.temporaryDirectory, `result-${Date.now()}.json`),
    },
    {
      ...(profileDirectory ? { cpuProfileDirectory: profileDirectory } : {}),
      ...(context.options.maxOldSpaceMb ? { maxOldSpaceMb: context.options.maxOldSpaceMb } : {}),
    },
  );
  const sample: WorkloadSample = {
    status: result.status,
    errorMessage: result.errorMessage,
    wallMs: result.executorMs ?? result.endToEndMs,
    endToEndMs: result.endToEndMs,
    records,
    peakRssBytes: result.peakRssBytes,
    idleRssBytes: result.idleRssBytes,
    cpuMs: result.cpuMs,
    databaseBytes: await databaseSize(pool),
    ...(requestCounter ? { requests: requestCounter.count() } : {}),
    loadAverage: loadavg()[0]!,
    stats: result.stats,
    topStatements: await topStatementTimes(pool, 20),
    statementTotalMs: await totalStatementTime(pool),
  };
  if (profileDirectory) {
    const [file] = (await readdir(profileDirectory)).filter((name) => name.endsWith('.cpuprofile'));
    if (file) sample.profile = await summarizeCpuProfileFile(join(profileDirectory, file));
  }
  report.samples.push(sample);
  if (result.status !== 'SUCCESS') {
    // Figures of a failed or partial sync would compare nothing with the baseline: stop here and say why.
    throw new Error(
      `${report.name}: the sync ended ${result.status}${result.errorMessage ? `: ${result.errorMessage}` : ''}. Fix that before benchmarking (is the service's sync executor wired in this build?).`,
    );
  }
  log(
    `${report.name}: ${result.status} in ${(sample.wallMs / 1000).toFixed(1)} s, peak RSS ${(sample.peakRssBytes / 2 ** 20).toFixed(0)} MB, load ${sample.loadAverage.toFixed(1)}${result.errorMessage ? ` — ${result.errorMessage}` : ''}`,
  );
}

/** OneRoster CSV workloads: full sync of day 1, the same files again, then the day-2 files. */
async function benchCsv(
  context: BenchContext,
  folders: { day1: string; day2: string },
  districts: { day1: SimulatedDistrict; day2: SimulatedDistrict },
) {
  const { size } = context.options;
  const pool = await freshSyncDatabase(context);
  try {
    const current = join(context.temporaryDirectory, 'csv-current');
    const provider = {
      providerName: 'Bench OneRoster CSV',
      providerType: 'ONEROSTER_CSV' as const,
      config: { localPath: current },
    };
    await rename(folders.day1, current);
    const day1Records = totalRecords(districts.day1);
    const full = reportFor(context, { name: 'csv full sync', source: 'csv', kind: 'full', size });
    await measureSync(context, pool, full, { ...provider, mode: 'full' }, day1Records);
    const resync = reportFor(context, { name: 'csv re-sync', source: 'csv', kind: 'resync', size });
    await measureSync(context, pool, resync, { ...provider, mode: 'full' }, day1Records);
    await rename(current, folders.day1);
    await rename(folders.day2, current);
    const day2 = reportFor(context, { name: 'csv day-2 sync', source: 'csv', kind: 'day2', size });
    await measureSync(context, pool, day2, { ...provider, mode: 'full' }, totalRecords(districts.day2));
    await rename(current, folders.day2);
  } finally {
    await pool.end();
  }
}

/** Clever or OneRoster REST workloads against the simulator's server, run in this (the parent) process. */
async function benchApi(context: BenchContext, source: 'clever' | 'oneroster') {
  const size = context.options.apiSize;
  const day1 = createDistrict({ seed: context.options.seed, size });
  const day2 = day1.nextDay();
  const pool = await freshSyncDatabase(context);
  const server =
    source === 'clever'
      ? await startCleverServer({ district: day1 })
      : await startOneRosterServer({ district: day1 });
  try {
    const provider =
      source === 'clever' && 'districtId' in server
        ? {
            providerName: 'Bench Clever',
            providerType: 'CLEVER' as const,
            config: {
              clientId: server.clientId,
              clientSecret: server.clientSecret,
              districtId: server.districtId,
              apiBaseUrl: server.url,
              oauthBaseUrl: server.url,
            },
          }
        : {
            providerName: 'Bench OneRoster API',
            providerType: 'ONEROSTER_API' as const,
            config: {
              baseUrl: (server as { baseUrl: string }).baseUrl,
              clientId: server.clientId,
              clientSecret: server.clientSecret,
            },
          };
    const counter = { count: () => server.requests.length, clear: () => server.clearRequests() };
    const allowed = source === 'clever' ? cleverAllowedPerMinute : 'no limit';
    const label = source === 'clever' ? 'clever' : 'oneroster api';
    const full = reportFor(context, {
      name: `${label} full sync`,
      source,
      kind: 'full',
      size,
      allowedRequestsPerMinute: allowed,
    });
    await measureSync(context, pool, full, { ...provider, mode: 'full' }, totalRecords(day1), counter);
    const resync = reportFor(context, {
      name: `${label} re-sync`,
      source,
      kind: 'resync',
      size,
      allowedRequestsPerMinute: allowed,
    });
    await measureSync(context, pool, resync, { ...provider, mode: 'full' }, totalRecords(day1), counter);
    server.setDistrict(day2);
    const next = reportFor(context, {
      name: `${label} day-2 sync`,
      source,
      kind: 'day2',
      size,
      allowedRequestsPerMinute: allowed,
    });
    await measureSync(context, pool, next, { ...provider, mode: 'full' }, totalRecords(day2), counter);
  } finally {
    await server.close();
    await pool.end();
  }
}

/** COPY of the day-1 CSV rows into bare tables: the floor each size's syncs are compared with. */
async function benchCopy(context: BenchContext, size: DistrictSizeName, folder: string) {
  const pool = await freshSyncDatabase(context);
  try {
    const report = reportFor(context, { name: 'COPY baseline', source: 'copy', kind: 'copy', size });
    report.name = `COPY baseline ${size}`;
    context.reports.delete('COPY baseline');
    context.reports.set(report.name, context.reports.get(report.name) ?? report);
    const target = context.reports.get(report.name)!;
    const result = await runCopyBaseline(pool, folder);
    target.samples.push({
      status: 'SUCCESS',
      errorMessage: null,
      wallMs: result.wallMs,
      endToEndMs: result.wallMs,
      records: result.rows,
      peakRssBytes: 0,
      idleRssBytes: 0,
      cpuMs: 0,
      databaseBytes: result.tableBytes,
      loadAverage: loadavg()[0]!,
      stats: null,
      topStatements: [],
      statementTotalMs: 0,
    });
    log(`COPY baseline (${size}): ${result.rows} rows in ${(result.wallMs / 1000).toFixed(1)} s`);
  } finally {
    await pool.end();
  }
}

async function writeCsvDays(context: BenchContext, size: DistrictSizeName) {
  const day1 = createDistrict({ seed: context.options.seed, size });
  const day2 = day1.nextDay();
  const folders = {
    day1: join(context.temporaryDirectory, `csv-${size}-day1`),
    day2: join(context.temporaryDirectory, `csv-${size}-day2`),
  };
  log(`writing the ${size} district's OneRoster CSV files (day 1 and day 2)…`);
  await writeOneRosterCsv({ district: day1, out: folders.day1 });
  await writeOneRosterCsv({ district: day2, out: folders.day2 });
  return { folders, districts: { day1, day2 } };
}

async function main(): Promise<number> {
  const defaultResults = fileURLToPath(new URL('../results', import.meta.url));
  // pnpm runs the script in bench/; INIT_CWD is where the user typed `pnpm bench`.
  // `pnpm bench -- --size medium` passes the `--` through: skip it.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  const parsed = parseBenchOptions(args, defaultResults, process.env.INIT_CWD ?? process.cwd());
  if (parsed === 'help') {
    process.stdout.write(`${benchUsage}\n`);
    return 0;
  }
  const options = parsed;
  const temporaryDirectory = await mkdtemp(join(tmpdir(), 'aivo-bench-'));
  log(`working in ${temporaryDirectory}; starting PostgreSQL…`);
  const database = await startBenchDatabase(join(temporaryDirectory, 'postgres'));
  const context: BenchContext = {
    options,
    database,
    temporaryDirectory,
    secrets: {
      encryptionKey: randomBytes(32).toString('base64'),
      jwtSecret: randomBytes(32).toString('hex'),
    },
    reports: new Map(),
  };
  const startedAt = new Date();
  let failure: unknown;
  try {
    const csv = options.sources.includes('csv') ? await writeCsvDays(context, options.size) : undefined;
    const apiCopyFolder =
      options.sources.some((source) => source !== 'csv') && (options.apiSize !== options.size || !csv)
        ? (await writeCsvDays(context, options.apiSize)).folders.day1
        : undefined;
    for (let repeat = 1; repeat <= options.repeat; repeat += 1) {
      log(`run ${repeat} of ${options.repeat}`);
      if (csv) {
        await benchCopy(context, options.size, csv.folders.day1);
        await benchCsv(context, csv.folders, csv.districts);
      }
      if (apiCopyFolder) await benchCopy(context, options.apiSize, apiCopyFolder);
      for (const source of options.sources) {
        if (source !== 'csv') await benchApi(context, source);
      }
    }
  } catch (error) {
    // Keep what was measured before the failure: print and write it, then report the failure.
    failure = error;
  } finally {
    await database.stop();
    await rm(temporaryDirectory, { recursive: true, force: true });
  }
  const reports = [...context.reports.values()];
  for (const report of reports) {
    const copy = context.reports.get(`COPY baseline ${report.size}`);
    report.copyWallMs = copy ? median(copy.samples.map((sample) => sample.wallMs)) : undefined;
  }
  const table = formatResultsTable(reports);
  process.stdout.write(`\n${table}\n`);
  process.stdout.write(
    '\nwall = time inside the service’s sync executor (connector → staging → load); peak RSS = maxRSS of the syncing process; load = 1-minute load average at the end.\n',
  );
  if (options.cpuProfile) {
    for (const report of reports) {
      const profile = report.samples[0]?.profile;
      if (!profile) continue;
      process.stdout.write(
        `\nCPU profile, ${report.name} (${(profile.totalMs / 1000).toFixed(1)} s sampled):\n`,
      );
      for (const entry of profile.files.slice(0, 10))
        process.stdout.write(`  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}\n`);
    }
  }
  for (const report of reports) {
    const statements = report.samples[0]?.topStatements ?? [];
    const wallMs = report.samples[0]?.wallMs ?? 0;
    if (statements.length === 0) continue;
    const statementTotalMs = report.samples[0]?.statementTotalMs ?? 0;
    process.stdout.write(
      `\nSlowest statements, ${report.name} (all statements: ${(statementTotalMs / 1000).toFixed(1)} s = ${((statementTotalMs / wallMs) * 100).toFixed(0)}% of wall):\n`,
    );
    for (const statement of statements.slice(0, 5)) {
      process.stdout.write(
        `  ${((statement.totalMs / wallMs) * 100).toFixed(1).padStart(5)}% of wall  ${String(statement.totalMs).padStart(7)} ms  ${String(statement.calls).padStart(5)} calls  ${statement.query.slice(0, 150)}\n`,
      );
    }
  }
  await mkdir(options.resultsDirectory, { recursive: true });
  const file = join(options.resultsDirectory, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        options,
        ...(failure ? { stoppedEarly: failure instanceof Error ? failure.message : String(failure) } : {}),
        machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
        summary: reports.map(summarizeWorkload),
        reports,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`\nResults written to ${file}\n`);
  if (failure) {
    process.stderr.write(
      `\nThe benchmark stopped early: ${failure instanceof Error ? failure.message : String(failure)}\n`,
    );
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
