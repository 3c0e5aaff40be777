import { rosterEntities } from '@aivo/connector-sdk';
import type { HeldSet, HeldSetApplication, RosterScope, RosterStore } from './roster-store.js';

/** Which held sets to act on: one by id, or every pending set of a run. */
export type HeldSelector = RosterScope & { store: RosterStore } & ({ heldId: string } | { runId: string });

/** The outcome of {@link approveHeld}. */
export interface ApproveHeldResult extends HeldSetApplication {
  heldSets: HeldSet[];
}

async function selectHeldSets(selector: HeldSelector): Promise<string[]> {
  if ('heldId' in selector) return [selector.heldId];
  const { store, tenantId, providerId, runId } = selector;
  const pending = await store.listHeldSets({ tenantId, providerId, status: 'pending' });
  // Children first (enrollments before their classes and users), so every row is counted under its own set.
  return pending
    .filter((set) => set.runId === runId)
    .sort((left, right) => rosterEntities.indexOf(right.entity) - rosterEntities.indexOf(left.entity))
    .map((set) => set.heldId);
}

/**
 * Applies held deactivations after an admin reviewed them: exactly the held rows that are still active and
 * were not seen again by a later run are deactivated (their enrollments too, for classes and users). A set that
 * is no longer pending (approved, discarded or superseded by a newer hold) changes nothing.
 *
 * @example
 * await approveHeld({ store, tenantId: 'district-123', providerId: 'p1', heldId: result.held[0].heldId });
 */
export async function approveHeld(selector: HeldSelector): Promise<ApproveHeldResult> {
  const { store, tenantId, providerId } = selector;
  const result: ApproveHeldResult = { heldSets: [], deactivated: 0, cascadedEnrollments: 0, skipped: 0 };
  for (const heldId of await selectHeldSets(selector)) {
    const applied = await store.approveHeldSet({ tenantId, providerId, heldId });
    result.heldSets.push(applied.heldSet);
    result.deactivated += applied.deactivated;
    result.cascadedEnrollments += applied.cascadedEnrollments;
    result.skipped += applied.skipped;
  }
  return result;
}

/**
 * Drops held deactivations: the rows stay active and the set is marked `discarded`.
 *
 * @example
 * await discardHeld({ store, tenantId: 'district-123', providerId: 'p1', runId: 'run-42' });
 */
export async function discardHeld(selector: HeldSelector): Promise<HeldSet[]> {
  const { store, tenantId, providerId } = selector;
  const discarded: HeldSet[] = [];
  for (const heldId of await selectHeldSets(selector)) {
    discarded.push(await store.discardHeldSet({ tenantId, providerId, heldId }));
  }
  return discarded;
}
