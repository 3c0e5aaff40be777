import {
  ConnectorError,
  type RecordIssue,
  type RosterConnectorV1,
  type RosterEntity,
  rosterEntities,
} from '@aivo/connector-sdk';

/** What one entity read gave: its records, the issues it reported and the error that ended it, if any. */
export interface EntityReadOutcome {
  records: unknown[];
  issues: RecordIssue[];
  error: unknown;
}

/** Reads every entity of a connector to the end (records kept in memory: test data is tiny). */
export async function readEveryEntity(
  connector: RosterConnectorV1,
): Promise<Record<RosterEntity, EntityReadOutcome>> {
  const outcomes = {} as Record<RosterEntity, EntityReadOutcome>;
  for (const entity of rosterEntities) {
    const outcome: EntityReadOutcome = { records: [], issues: [], error: undefined };
    try {
      const read = connector[entity]({
        signal: AbortSignal.timeout(60_000),
        onIssue: (issue) => outcome.issues.push(issue),
      }) as AsyncIterable<unknown>;
      for await (const record of read) outcome.records.push(record);
    } catch (error) {
      outcome.error = error;
    }
    outcomes[entity] = outcome;
  }
  return outcomes;
}

/** The documented way a read may end early: a {@link ConnectorError} (any subclass). */
export function isDocumentedError(error: unknown): boolean {
  return ConnectorError.isInstance(error);
}
