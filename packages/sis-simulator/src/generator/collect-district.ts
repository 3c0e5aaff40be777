import type { RosterEntity, RosterRecordByEntity } from '@aivo/connector-sdk';
import { rosterEntities } from '@aivo/connector-sdk';
import type { SimulatedDistrict } from './create-district.js';

/** Every record of a district in arrays, per entity. */
export type CollectedDistrict = { [Entity in RosterEntity]: RosterRecordByEntity[Entity][] };

/** Largest district {@link collectDistrict} accepts, so a test never pulls a large one into memory. */
const maximumCollectedStudents = 20_000;

/**
 * Reads every record of a small district into arrays. For tests of `tiny`, `small` or `medium` districts
 * only; library code streams instead.
 */
export function collectDistrict(district: SimulatedDistrict): CollectedDistrict {
  if (district.counts.students > maximumCollectedStudents) {
    throw new RangeError(
      `collectDistrict is for small districts (up to ${maximumCollectedStudents} students); stream the iterables instead.`,
    );
  }
  const collected = {} as CollectedDistrict;
  for (const entity of rosterEntities) {
    (collected as Record<RosterEntity, unknown[]>)[entity] = [...district.records(entity)];
  }
  return collected;
}
