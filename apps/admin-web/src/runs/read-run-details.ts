import type { EntityStats } from '../api/api-types';

/**
 * The OpenAPI document types a run's statistics, progress and held deactivations as free JSON (they come
 * from sync-core); these readers take what the page shows out of them and ignore anything else.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const textOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const statKeys = [
  'created',
  'updated',
  'unchanged',
  'deactivated',
  'reactivated',
  'skipped',
  'issues',
  'held',
] as const;

/** Per-entity statistics of a run (`statsJson`), or null when none were recorded. */
export function readRunStats(statsJson: unknown): Record<string, EntityStats> | null {
  const source = isRecord(statsJson) && isRecord(statsJson.entities) ? statsJson.entities : statsJson;
  if (!isRecord(source)) return null;
  const stats: Record<string, EntityStats> = {};
  for (const [entity, counts] of Object.entries(source)) {
    if (!isRecord(counts)) continue;
    const entry: EntityStats = {};
    for (const key of statKeys) {
      const value = counts[key];
      // sync-core reports issues as a count or as a list.
      entry[key] = Array.isArray(value) ? value.length : numberOr(value);
    }
    if (statKeys.some((key) => entry[key] !== undefined)) stats[entity] = entry;
  }
  return Object.keys(stats).length > 0 ? stats : null;
}

/** Live progress of a running sync. */
export interface RunProgressView {
  entity?: string;
  phase?: string;
  processed?: number;
  total?: number;
  message?: string;
}

/** What a running sync last reported (`progress`), or null. */
export function readRunProgress(progress: unknown): RunProgressView | null {
  if (!isRecord(progress)) return null;
  return {
    entity: textOr(progress.entity),
    phase: textOr(progress.phase),
    processed: numberOr(progress.processed),
    total: numberOr(progress.total),
    message: textOr(progress.message),
  };
}

/** One entity's deactivations held back by the safety threshold. */
export interface HeldEntity {
  entity: string;
  count: number;
  reason?: string;
  sample: string[];
}

/**
 * The held deactivations of a run, from sync-core's list (`[{ entity, count, reason, sample }]`), a
 * `{ held: [...] }` wrapper, or a map of entity to count or to `{ count, reason, sample }`.
 */
export function readHeldDeactivations(value: unknown): HeldEntity[] {
  const list = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value.held)
      ? value.held
      : null;
  if (list) {
    return list.filter(isRecord).map((item) => ({
      entity: textOr(item.entity) ?? 'records',
      count: numberOr(item.count) ?? 0,
      reason: textOr(item.reason),
      sample: Array.isArray(item.sample) ? item.sample.filter((entry) => typeof entry === 'string') : [],
    }));
  }
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([entity, item]): HeldEntity[] => {
    if (typeof item === 'number') return [{ entity, count: item, sample: [] }];
    if (isRecord(item)) {
      return [
        {
          entity: textOr(item.entity) ?? entity,
          count: numberOr(item.count) ?? 0,
          reason: textOr(item.reason),
          sample: Array.isArray(item.sample) ? item.sample.filter((entry) => typeof entry === 'string') : [],
        },
      ];
    }
    return [];
  });
}
