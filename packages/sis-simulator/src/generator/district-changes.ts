import type { RosterEntity } from '@aivo/connector-sdk';
import { rosterEntities } from '@aivo/connector-sdk';
import type { ChangeEntry } from './district-history.js';

/** What changed in one entity between two days: sourcedIds (ascending) and their counts. */
export interface EntityChanges {
  created: string[];
  updated: string[];
  deleted: string[];
  counts: { created: number; updated: number; deleted: number };
}

/** Every change between two days of one district, per entity. */
export type DistrictChanges = { fromDay: number; toDay: number } & {
  [Entity in RosterEntity]: EntityChanges;
};

function isPresentOn(entry: ChangeEntry, day: number): boolean {
  return entry.createdDay <= day && (entry.removedDay === undefined || entry.removedDay > day);
}

/**
 * Compares two days using the change log of the later one (it holds every change up to its day).
 * A record is created if absent on `fromDay` and present on `toDay`, deleted the other way round,
 * updated if present on both and modified after `fromDay`.
 */
export function changesBetweenDays(
  log: ReadonlyMap<string, ChangeEntry>,
  fromDay: number,
  toDay: number,
): DistrictChanges {
  const lists = Object.fromEntries(
    rosterEntities.map((entity) => [entity, { created: [], updated: [], deleted: [] }]),
  ) as unknown as Record<RosterEntity, { created: string[]; updated: string[]; deleted: string[] }>;
  for (const [sourcedId, entry] of log) {
    const before = isPresentOn(entry, fromDay);
    const after = isPresentOn(entry, toDay);
    const target = lists[entry.entity];
    if (!before && after) target.created.push(sourcedId);
    else if (before && !after) target.deleted.push(sourcedId);
    else if (before && after && entry.modifiedDay !== undefined && entry.modifiedDay > fromDay) {
      target.updated.push(sourcedId);
    }
  }
  const changes = { fromDay, toDay } as DistrictChanges;
  for (const entity of rosterEntities) {
    const { created, updated, deleted } = lists[entity];
    for (const list of [created, updated, deleted]) list.sort();
    changes[entity] = {
      created,
      updated,
      deleted,
      counts: { created: created.length, updated: updated.length, deleted: deleted.length },
    };
  }
  return changes;
}
