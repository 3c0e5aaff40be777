import type { RosterConnectorV1 } from '@aivo/connector-sdk';
import { createStaticConnector, type StaticConnectorSettings } from '@aivo/connector-sdk/testing';
import { createMemoryRosterStore, type MemoryRosterStore } from './memory-roster-store.js';
import { runSync } from './run-sync.js';
import type { SyncOptions } from './sync-options.js';

/** Test helper: one tenant/provider and a memory store, with runs numbered run-1, run-2, … */
export function createSyncHarness(store: MemoryRosterStore = createMemoryRosterStore()) {
  let runNumber = 0;
  const scope = { tenantId: 'tenant-1', providerId: 'provider-1' };
  return {
    store,
    scope,
    sync(
      connector: RosterConnectorV1 | StaticConnectorSettings,
      options: Partial<Omit<SyncOptions, 'connector' | 'store'>> = {},
    ) {
      runNumber += 1;
      const resolved = 'orgs' in connector ? connector : createStaticConnector(connector);
      return runSync({
        connector: resolved,
        store,
        ...scope,
        runId: `run-${runNumber}`,
        mode: 'full',
        ...options,
      });
    },
    /** sourcedId → active, for one entity. */
    activeMap(entity: string) {
      return Object.fromEntries(
        store
          .snapshot()
          .filter((row) => row.entity === entity)
          .map((row) => [row.sourcedId, row.active]),
      );
    },
    activeIds(entity: string) {
      return store
        .snapshot()
        .filter((row) => row.entity === entity && row.active)
        .map((row) => row.sourcedId)
        .sort();
    },
  };
}

/** A delta-capable version of a static connector. */
export function withDelta(connector: RosterConnectorV1): RosterConnectorV1 {
  return { ...connector, capabilities: { delta: true } };
}
