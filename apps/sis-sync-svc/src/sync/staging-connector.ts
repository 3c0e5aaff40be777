import type { ReadOptions, RosterConnectorV1, RosterEntity, RosterRecordByEntity } from '@aivo/connector-sdk';
import { rosterEntities } from '@aivo/connector-sdk';
import { type StagingTarget, stageRecords } from './staging-writer.js';

/** Settings of {@link createStagingConnector}. */
export interface StagingConnectorSettings extends StagingTarget {
  /** Records per staging insert. Default 1,000. */
  batchSize?: number;
  /** Told when staging the last records of an interrupted read failed (the read's own outcome stands). */
  onStagingError?: (error: unknown, entity: RosterEntity) => void;
}

/**
 * Wraps a connector so every record it yields is also written to the run's staging tables, batch by batch
 * as it streams (memory stays at one batch). Records reach the caller only after their batch is staged, so a
 * staging failure surfaces as a failed read of that entity, which never deactivates anything.
 */
export function createStagingConnector(
  connector: RosterConnectorV1,
  settings: StagingConnectorSettings,
): RosterConnectorV1 {
  const batchSize = settings.batchSize ?? 1_000;

  async function* staged<Entity extends RosterEntity>(
    entity: Entity,
    records: AsyncIterable<RosterRecordByEntity[Entity]>,
  ): AsyncGenerator<RosterRecordByEntity[Entity]> {
    let pending: Array<RosterRecordByEntity[Entity]> = [];
    let finished = false;
    try {
      for await (const record of records) {
        pending.push(record);
        if (pending.length >= batchSize) {
          await stageRecords(settings, entity, pending);
          yield* pending;
          pending = [];
        }
      }
      await stageRecords(settings, entity, pending);
      finished = true;
      yield* pending;
      pending = [];
    } finally {
      // An interrupted read (error, cancel, consumer stop): keep what was extracted for debugging.
      if (!finished && pending.length > 0) {
        await stageRecords(settings, entity, pending).catch((error) =>
          settings.onStagingError?.(error, entity),
        );
      }
    }
  }

  const wrapped = {
    specificationVersion: connector.specificationVersion,
    providerType: connector.providerType,
    capabilities: connector.capabilities,
    testConnection: (options?: { signal?: AbortSignal }) => connector.testConnection(options),
    ...(connector.deltaCursor
      ? { deltaCursor: (options?: { signal?: AbortSignal }) => connector.deltaCursor!(options) }
      : {}),
  } as RosterConnectorV1;
  for (const entity of rosterEntities) {
    (wrapped as unknown as Record<string, unknown>)[entity] = (options?: ReadOptions) =>
      staged(entity, connector[entity](options) as AsyncIterable<RosterRecordByEntity[typeof entity]>);
  }
  return wrapped;
}
