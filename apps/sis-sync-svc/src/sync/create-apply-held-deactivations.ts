import { rosterEntities } from '@aivo/connector-sdk';
import { approveHeld, discardHeld, type RosterStore, statsKeyByEntity } from '@aivo/sync-core';
import type { ApplyHeldDeactivations } from '../providers/connection-test.js';

/**
 * Approves the pending held sets of a run in the roster store: exactly the held rows still active and not
 * seen again since are deactivated (children first, so each row counts under its own entity). Returns the
 * rows deactivated per statistics key, cascaded enrollments included.
 *
 * @example
 * const service = await startService({ config, applyHeldDeactivations: createApplyHeldDeactivations({ store }) });
 */
export function createApplyHeldDeactivations(settings: { store: RosterStore }): ApplyHeldDeactivations {
  const { store } = settings;
  return async ({ runId, provider }) => {
    const scope = { tenantId: provider.tenantId, providerId: provider.id };
    const pending = (await store.listHeldSets({ ...scope, status: 'pending' }))
      .filter((set) => set.runId === runId)
      .sort((left, right) => rosterEntities.indexOf(right.entity) - rosterEntities.indexOf(left.entity));
    const deactivated: Record<string, number> = {};
    const add = (key: string, count: number) => {
      if (count > 0) deactivated[key] = (deactivated[key] ?? 0) + count;
    };
    for (const set of pending) {
      const applied = await approveHeld({ store, ...scope, heldId: set.heldId });
      add(statsKeyByEntity[set.entity], applied.deactivated);
      add(statsKeyByEntity.enrollments, applied.cascadedEnrollments);
    }
    return { deactivated };
  };
}

/** Discards the pending held sets of a run: their rows stay active. Returns how many sets were discarded. */
export async function discardHeldDeactivations(input: {
  store: RosterStore;
  tenantId: string;
  providerId: string;
  runId: string;
}): Promise<number> {
  return (await discardHeld(input)).length;
}
