import type { SyncOptions } from './sync-options.js';

/** The first problem with `runSync` options, in words that say what to fix, or `undefined` when they are usable. */
export function findSyncOptionProblem(options: SyncOptions): string | undefined {
  const { batchSize, mode, since, connector } = options;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    return `batchSize must be a positive whole number (got ${batchSize}).`;
  }
  if (mode !== 'full' && mode !== 'delta') return `mode must be 'full' or 'delta' (got ${String(mode)}).`;
  if (mode === 'delta' && since === undefined) {
    return 'A delta sync needs `since` (the date or cursor of the last sync); run a full sync first.';
  }
  if (mode === 'delta' && !connector.capabilities.delta) {
    return `The ${connector.providerType} connector cannot read deltas; run a full sync instead.`;
  }
  const percents = [
    options.thresholds?.maxDeactivatePercent,
    ...Object.values(options.thresholds?.maxDeactivatePercentByEntity ?? {}),
  ];
  for (const percent of percents) {
    if (percent !== undefined && !(typeof percent === 'number' && percent >= 0 && percent <= 100)) {
      return `Deactivation thresholds are percentages from 0 to 100 (got ${String(percent)}).`;
    }
  }
  for (const name of ['tenantId', 'providerId', 'runId'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '')
      return `${name} must be a non-empty string.`;
  }
  return undefined;
}
