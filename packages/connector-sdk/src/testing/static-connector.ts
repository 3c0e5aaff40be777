import type {
  ConnectionCheck,
  ProviderType,
  ReadOptions,
  RosterConnectorV1,
} from '../connector/roster-connector.js';
import type { RecordIssue } from '../model/record-issue.js';
import type { RosterEntity, RosterRecordByEntity } from '../model/roster-entity.js';

/** Makes one entity's read fail after it has yielded `afterRecords` records, as a source failing halfway would. */
export interface StaticConnectorFailure {
  entity: RosterEntity;
  afterRecords: number;
  error?: Error;
}

/** Settings of {@link createStaticConnector}: the records to serve, and the issues and failures to inject. */
export interface StaticConnectorSettings {
  providerType?: ProviderType;
  records: { [Entity in RosterEntity]?: Iterable<RosterRecordByEntity[Entity]> };
  /** Issues to report through `onIssue` at the start of each entity's read. */
  issues?: RecordIssue[];
  failures?: StaticConnectorFailure[];
  connectionCheck?: ConnectionCheck;
}

/**
 * A connector over in-memory records, for tests of code that consumes connectors (sync engines, services).
 * It follows the contract: honours `signal`, reports `issues` via `onIssue`, and throws mid-read for each
 * configured failure, so callers can prove they never treat an incomplete read as complete.
 */
export function createStaticConnector(settings: StaticConnectorSettings): RosterConnectorV1 {
  function read<Entity extends RosterEntity>(entity: Entity) {
    return async function* (options: ReadOptions = {}): AsyncGenerator<RosterRecordByEntity[Entity]> {
      // An aborted read must throw even when there is nothing to read.
      options.signal?.throwIfAborted();
      for (const issue of settings.issues ?? []) {
        if (issue.entity === entity) options.onIssue?.(issue);
      }
      const failure = settings.failures?.find((candidate) => candidate.entity === entity);
      let yielded = 0;
      for (const record of settings.records[entity] ?? []) {
        options.signal?.throwIfAborted();
        if (failure && yielded >= failure.afterRecords) {
          throw failure.error ?? new Error(`Simulated failure reading ${entity} after ${yielded} records`);
        }
        yield record as RosterRecordByEntity[Entity];
        yielded += 1;
      }
      if (failure && yielded >= failure.afterRecords) {
        throw failure.error ?? new Error(`Simulated failure reading ${entity} after ${yielded} records`);
      }
    };
  }
  return {
    specificationVersion: 'v1',
    providerType: settings.providerType ?? 'ONEROSTER_CSV',
    capabilities: { delta: false },
    async testConnection() {
      return settings.connectionCheck ?? { success: true, message: 'Connected to the static test connector' };
    },
    orgs: read('orgs'),
    academicSessions: read('academicSessions'),
    courses: read('courses'),
    classes: read('classes'),
    users: read('users'),
    enrollments: read('enrollments'),
  };
}
