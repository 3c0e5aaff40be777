import type {
  ConnectionCheck,
  ReadOptions,
  RosterConnectorV1,
  RosterEntity,
  RosterRecordByEntity,
} from '@aivo/connector-sdk';
import { checkOneRosterConnection } from './check-oneroster-connection.js';
import {
  createOneRosterAuth,
  createOneRosterHttpClient,
  createOneRosterRateLimiter,
  type OneRosterApiRuntimeOptions,
} from './create-oneroster-http-client.js';
import { type OneRosterApiConfigInput, parseOneRosterApiConfig } from './oneroster-api-config.js';
import { oneRosterEntityEndpoints } from './oneroster-entity-endpoints.js';
import { readOneRosterCollection } from './read-oneroster-collection.js';

/** Settings of {@link createOneRosterApiConnector}: the stored config plus runtime options. */
export type OneRosterApiConnectorSettings = OneRosterApiConfigInput &
  OneRosterApiRuntimeOptions & {
    /** `ONEROSTER_API` (default), or `CLASSLINK` for a connector built on this one. */
    providerType?: 'ONEROSTER_API' | 'CLASSLINK';
  };

const runtimeKeys = [
  'fetch',
  'clock',
  'random',
  'timeoutMs',
  'onRetry',
  'httpAuth',
  'quirks',
  'providerType',
] as const;

/**
 * A connector for any OneRoster 1.1 REST server: OAuth 1.0a (default) or OAuth 2 client credentials,
 * offset paging that survives capped page sizes, retries with jittered backoff on 429/5xx/network errors, an
 * optional rate limit, and delta reads (`since` → `filter=dateLastModified>'…'`, deletions as `tobedeleted`).
 *
 * Entities come from the full collections: `/orgs`, `/academicSessions`, `/courses`, `/classes`, `/users`,
 * `/enrollments`. A read that finishes is complete; any failed page throws.
 *
 * @example
 * const connector = createOneRosterApiConnector({
 *   baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
 *   clientId: process.env.ONEROSTER_KEY!,
 *   clientSecret: process.env.ONEROSTER_SECRET!,
 * });
 * for await (const enrollment of connector.enrollments({ since: lastSync })) console.log(enrollment.status);
 */
export function createOneRosterApiConnector(settings: OneRosterApiConnectorSettings): RosterConnectorV1 {
  const stored: Record<string, unknown> = { ...settings };
  for (const key of runtimeKeys) delete stored[key];
  const config = parseOneRosterApiConfig(stored);
  const options: OneRosterApiRuntimeOptions = settings;
  const auth = createOneRosterAuth(config, options);
  const rateLimiter = createOneRosterRateLimiter(config, options);
  const client = createOneRosterHttpClient(config, options, { auth, rateLimiter });
  // A connection test should answer quickly: one retry at most.
  const testClient = createOneRosterHttpClient(config, options, {
    auth,
    rateLimiter,
    retry: { maxRetries: 1, initialDelayMs: 200, maxRetryAfterMs: 5_000 },
  });
  const pageSize = config.pageSize ?? options.quirks?.defaultPageSize ?? 1000;

  function read<Entity extends RosterEntity>(entity: Entity) {
    return (readOptions: ReadOptions = {}): AsyncGenerator<RosterRecordByEntity[Entity]> =>
      readOneRosterCollection({
        client,
        entity,
        endpoint: oneRosterEntityEndpoints[entity],
        pageSize,
        ...(readOptions.since === undefined ? {} : { since: readOptions.since }),
        ...(readOptions.signal ? { signal: readOptions.signal } : {}),
        ...(readOptions.onIssue ? { onIssue: readOptions.onIssue } : {}),
      });
  }

  return {
    specificationVersion: 'v1',
    providerType: settings.providerType ?? 'ONEROSTER_API',
    capabilities: { delta: true },
    testConnection(testOptions: { signal?: AbortSignal } = {}): Promise<ConnectionCheck> {
      return checkOneRosterConnection({
        client: testClient,
        baseUrl: config.baseUrl,
        ...(options.quirks?.vendorName ? { vendorName: options.quirks.vendorName } : {}),
        ...(testOptions.signal ? { signal: testOptions.signal } : {}),
      });
    },
    orgs: read('orgs'),
    academicSessions: read('academicSessions'),
    courses: read('courses'),
    classes: read('classes'),
    users: read('users'),
    enrollments: read('enrollments'),
  };
}
