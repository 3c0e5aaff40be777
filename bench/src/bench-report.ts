import type { StatementTime } from './bench-database.js';
import { median } from './median.js';
import type { ProfileSummary } from './summarize-cpu-profile.js';

/** One measured run of one workload. */
export interface WorkloadSample {
  status: string;
  errorMessage: string | null;
  wallMs: number;
  endToEndMs: number;
  records: number;
  peakRssBytes: number;
  idleRssBytes: number;
  cpuMs: number;
  databaseBytes: number;
  /** Requests the simulated provider answered during the run (API workloads). */
  requests?: number;
  loadAverage: number;
  stats: Record<string, Record<string, number>> | null;
  topStatements: StatementTime[];
  /** Execution time of all statements of the run's database (pg_stat_statements), in milliseconds. */
  statementTotalMs: number;
  profile?: ProfileSummary;
}

/** A workload's samples and their medians. */
export interface WorkloadReport {
  name: string;
  source: string;
  kind: 'full' | 'resync' | 'day2' | 'copy';
  size: string;
  samples: WorkloadSample[];
  /** Median wall time of the COPY baseline of the same size. */
  copyWallMs: number | undefined;
  /** Requests per minute the provider allows (API workloads). */
  allowedRequestsPerMinute?: number | string;
}

function format(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function medianOf(report: WorkloadReport, pick: (sample: WorkloadSample) => number | undefined) {
  return median(report.samples.map(pick).filter((value): value is number => value !== undefined));
}

/** The medians a report prints and writes. */
export function summarizeWorkload(report: WorkloadReport) {
  const wallMs = medianOf(report, (sample) => sample.wallMs);
  const records = medianOf(report, (sample) => sample.records);
  const requests = medianOf(report, (sample) => sample.requests);
  return {
    name: report.name,
    size: report.size,
    statuses: [...new Set(report.samples.map((sample) => sample.status))].join('/'),
    records,
    wallSeconds: wallMs === undefined ? undefined : wallMs / 1000,
    recordsPerSecond: wallMs && records ? records / (wallMs / 1000) : undefined,
    ratioToCopy: wallMs && report.copyWallMs ? wallMs / report.copyWallMs : undefined,
    peakRssMegabytes: medianOf(report, (sample) => sample.peakRssBytes / 2 ** 20),
    cpuSeconds: medianOf(report, (sample) => sample.cpuMs / 1000),
    databaseMegabytes: medianOf(report, (sample) => sample.databaseBytes / 2 ** 20),
    requestsPerMinute: requests && wallMs ? requests / (wallMs / 60_000) : undefined,
    allowedRequestsPerMinute: report.allowedRequestsPerMinute,
    loadAverage: medianOf(report, (sample) => sample.loadAverage),
  };
}

/** The results as a fixed-width text table. */
export function formatResultsTable(reports: WorkloadReport[]): string {
  const header = [
    'workload',
    'size',
    'status',
    'records',
    'wall s',
    'rec/s',
    '× COPY',
    'peak RSS MB',
    'CPU s',
    'DB MB',
    'req/min (allowed)',
    'load',
  ];
  const rows = reports.map((report) => {
    const summary = summarizeWorkload(report);
    return [
      summary.name,
      summary.size,
      summary.statuses,
      format(summary.records, 0),
      format(summary.wallSeconds),
      format(summary.recordsPerSecond, 0),
      report.kind === 'copy' ? '1.0' : format(summary.ratioToCopy),
      report.kind === 'copy' ? '–' : format(summary.peakRssMegabytes, 0),
      report.kind === 'copy' ? '–' : format(summary.cpuSeconds),
      format(summary.databaseMegabytes, 0),
      summary.requestsPerMinute === undefined
        ? '–'
        : `${format(summary.requestsPerMinute, 0)} (${summary.allowedRequestsPerMinute ?? '?'})`,
      format(summary.loadAverage),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
