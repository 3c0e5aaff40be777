import { providerTypes, type RosterConnectorV1 } from '../connector/roster-connector.js';
import { type RecordIssue, recordIssueSchema } from '../model/record-issue.js';
import { type RosterEntity, rosterEntities, rosterRecordSchemas } from '../model/roster-entity.js';

// vitest is an optional peer dependency: load it only if present, so the rest of this subpath
// (createStaticConnector, collect, loopback server) works without it.
const vitest = await import('vitest').catch(() => undefined);

/** What a connector under test is expected to deliver, beyond the rules every connector follows. */
export interface ConnectorContractExpectations {
  /** Entities that must return at least one record. Default: none. */
  nonEmpty?: RosterEntity[];
  /** Entities not to read at all (e.g. a connector that does not support them yet). */
  skip?: RosterEntity[];
  /** At least one issue must be reported through `onIssue` across all entities (the fixture has a bad record). */
  reportsIssues?: boolean;
  /** When set, `testConnection()` must report this `success`. */
  connectionSucceeds?: boolean;
  /** How long an aborted read may take to reject, in ms. A generous bound, not a speed test. Default 10 s. */
  abortWithinMs?: number;
  /** Timeout of each test, in ms. Default 30 s. */
  testTimeoutMs?: number;
}

/** What {@link describeConnectorContract} needs: a fresh connector per test, and a cleanup. */
export interface ConnectorContractSettings {
  create: () => Promise<{ connector: RosterConnectorV1; cleanup?: () => void | Promise<void> }>;
  expectations?: ConnectorContractExpectations;
}

/**
 * Registers vitest tests that check a connector follows the `RosterConnectorV1` contract:
 * - every record of every entity validates against its schema, and a complete read has no duplicate
 *   sourcedIds;
 * - bad records are reported through `onIssue` (valid `RecordIssue`s), never thrown;
 * - an aborted read rejects with the abort reason (an `AbortError`), before and during the read;
 * - `break` out of a `for await` loop returns, and the read can then be run again to completion;
 * - `testConnection()` resolves with a `{ success, message }` and never throws.
 *
 * Run it in the connector package's own tests, against a loopback fake of the vendor.
 *
 * @example
 * describeConnectorContract('clever', {
 *   create: async () => {
 *     const server = await startFakeClever();
 *     return { connector: createCleverConnector({ baseUrl: server.url, token: 'test' }), cleanup: server.close };
 *   },
 *   expectations: { nonEmpty: ['orgs', 'users'], connectionSucceeds: true },
 * });
 */
export function describeConnectorContract(name: string, settings: ConnectorContractSettings): void {
  if (!vitest) {
    throw new Error(
      'describeConnectorContract needs vitest; install it as a dev dependency (npm i -D vitest)',
    );
  }
  const { describe, it, expect } = vitest;
  const expectations = settings.expectations ?? {};
  const abortWithinMs = expectations.abortWithinMs ?? 10_000;
  const timeout = expectations.testTimeoutMs ?? 30_000;
  const entities = rosterEntities.filter((entity) => !expectations.skip?.includes(entity));

  async function withConnector(run: (connector: RosterConnectorV1) => Promise<void>): Promise<void> {
    const { connector, cleanup } = await settings.create();
    try {
      await run(connector);
    } finally {
      await cleanup?.();
    }
  }

  async function readAll(connector: RosterConnectorV1, entity: RosterEntity) {
    const records: unknown[] = [];
    const issues: RecordIssue[] = [];
    for await (const record of connector[entity]({ onIssue: (issue) => issues.push(issue) })) {
      records.push(record);
    }
    return { records, issues };
  }

  describe(`${name} follows the RosterConnectorV1 contract`, () => {
    it(
      'declares its version, provider type, capabilities and entity readers',
      async () => {
        await withConnector(async (connector) => {
          expect(connector.specificationVersion).toBe('v1');
          expect(providerTypes).toContain(connector.providerType);
          expect(typeof connector.capabilities.delta).toBe('boolean');
          for (const entity of rosterEntities) expect(typeof connector[entity]).toBe('function');
        });
      },
      timeout,
    );

    it(
      'testConnection resolves with a success flag and a message, never throwing',
      async () => {
        await withConnector(async (connector) => {
          const check = await connector.testConnection();
          expect(typeof check.success).toBe('boolean');
          expect(typeof check.message).toBe('string');
          expect(check.message.length).toBeGreaterThan(0);
          if (expectations.connectionSucceeds !== undefined)
            expect(check.success).toBe(expectations.connectionSucceeds);
        });
      },
      timeout,
    );

    for (const entity of entities) {
      it(
        `${entity}: a complete read yields valid records with unique sourcedIds, issues via onIssue`,
        async () => {
          await withConnector(async (connector) => {
            const { records, issues } = await readAll(connector, entity);
            const invalid: string[] = [];
            const seen = new Set<string>();
            const duplicates = new Set<string>();
            for (const record of records) {
              const parsed = rosterRecordSchemas[entity].safeParse(record);
              const sourcedId = (record as { sourcedId?: unknown }).sourcedId;
              if (!parsed.success) invalid.push(`${String(sourcedId)}: ${parsed.error.message}`);
              if (typeof sourcedId === 'string') {
                if (seen.has(sourcedId)) duplicates.add(sourcedId);
                seen.add(sourcedId);
              }
            }
            expect(invalid, 'records that do not validate').toEqual([]);
            expect([...duplicates], 'duplicate sourcedIds in one complete read').toEqual([]);
            for (const issue of issues) {
              expect(
                recordIssueSchema.safeParse(issue).success,
                `issue is a valid RecordIssue: ${issue.message}`,
              ).toBe(true);
              expect(issue.entity).toBe(entity);
            }
            if (expectations.nonEmpty?.includes(entity)) expect(records.length).toBeGreaterThan(0);
          });
        },
        timeout,
      );

      it(
        `${entity}: an already aborted signal rejects with the abort reason`,
        async () => {
          await withConnector(async (connector) => {
            const controller = new AbortController();
            controller.abort();
            const outcome = await settleWithin(
              (async () => {
                for await (const _record of connector[entity]({ signal: controller.signal })) {
                  // Reading on would be a contract violation; the loop must throw.
                }
              })(),
              abortWithinMs,
            );
            expect(outcome.state, 'the read must reject, not complete or hang').toBe('rejected');
            expectAbortError(
              expect,
              outcome.state === 'rejected' ? outcome.error : undefined,
              controller.signal.reason,
            );
          });
        },
        timeout,
      );

      it(
        `${entity}: aborting mid-read rejects promptly with the abort reason`,
        async () => {
          await withConnector(async (connector) => {
            const { records } = await readAll(connector, entity);
            if (records.length < 2) return; // Too few records to abort between two of them.
            const controller = new AbortController();
            const outcome = await settleWithin(
              (async () => {
                for await (const _record of connector[entity]({ signal: controller.signal })) {
                  controller.abort();
                }
              })(),
              abortWithinMs,
            );
            expect(outcome.state, 'the read must reject after abort, not complete or hang').toBe('rejected');
            expectAbortError(
              expect,
              outcome.state === 'rejected' ? outcome.error : undefined,
              controller.signal.reason,
            );
          });
        },
        timeout,
      );

      it(
        `${entity}: break out of the loop returns, and the read can run again to completion`,
        async () => {
          await withConnector(async (connector) => {
            const complete = await readAll(connector, entity);
            if (complete.records.length === 0) return;
            const outcome = await settleWithin(
              (async () => {
                for await (const _record of connector[entity]()) break;
              })(),
              abortWithinMs,
            );
            expect(outcome.state, 'break must return promptly').toBe('fulfilled');
            const again = await readAll(connector, entity);
            expect(again.records.length).toBe(complete.records.length);
          });
        },
        timeout,
      );
    }

    if (expectations.reportsIssues) {
      it(
        'reports the bad records of the fixture through onIssue',
        async () => {
          await withConnector(async (connector) => {
            let count = 0;
            for (const entity of entities) count += (await readAll(connector, entity)).issues.length;
            expect(count).toBeGreaterThan(0);
          });
        },
        timeout,
      );
    }
  });
}

type Settled = { state: 'fulfilled' } | { state: 'rejected'; error: unknown } | { state: 'timed out' };

async function settleWithin(promise: Promise<unknown>, milliseconds: number): Promise<Settled> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'timed out' }), milliseconds);
  });
  try {
    return await Promise.race([
      promise.then(
        (): Settled => ({ state: 'fulfilled' }),
        (error: unknown): Settled => ({ state: 'rejected', error }),
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function expectAbortError(
  expect: NonNullable<typeof vitest>['expect'],
  error: unknown,
  reason: unknown,
): void {
  const isReason = error === reason;
  const isAbortNamed = error instanceof Error && error.name === 'AbortError';
  expect(isReason || isAbortNamed, `expected the abort reason or an AbortError, got ${String(error)}`).toBe(
    true,
  );
}
