import type { DemoRunSummary } from './run-demo.js';

/** Stats keys of the run history, in load order. */
export const demoStatsKeys = ['schools', 'terms', 'courses', 'classes', 'users', 'enrollments'] as const;

function counts(stats: Record<string, number> | undefined): string {
  if (!stats) return '–';
  return `${stats.created ?? 0}/${stats.updated ?? 0}/${stats.deactivated ?? 0}`;
}

/**
 * The summary table: one line per integration with its status, duration and, per entity,
 * created/updated/deactivated.
 */
export function formatDemoSummary(runs: readonly DemoRunSummary[]): string {
  const header = ['tenant', 'integration', 'type', 'status', 'time s', ...demoStatsKeys];
  const rows = runs.map((run) => [
    run.tenantId,
    run.name,
    run.providerType,
    run.status,
    run.durationMs === undefined ? '–' : (run.durationMs / 1000).toFixed(1),
    ...demoStatsKeys.map((key) => counts(run.stats?.[key])),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
    '(per entity: created/updated/deactivated)',
  ].join('\n');
}
