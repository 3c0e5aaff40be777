import {
  createOneRosterApiConnector,
  describeOneRosterConnectionFailure,
  type OneRosterApiRuntimeOptions,
} from '@aivo/connector-oneroster';
import {
  AuthenticationError,
  type Clock,
  type ConnectionCheck,
  type HttpRetryEvent,
  InvalidConfigError,
  type ReadOptions,
  type RetryPolicy,
  type RosterConnectorV1,
  type RosterEntity,
  type RosterRecordByEntity,
} from '@aivo/connector-sdk';
import {
  type ClassLinkConfig,
  classLinkConfigSchema,
  type ResolvedClassLinkConfig,
  rosterServerUrl,
} from './classlink-config.js';
import { classLinkQuirks } from './classlink-quirks.js';
import { discoverClassLinkServer } from './discover-classlink-server.js';

/** Settings of {@link createClassLinkConnector}: the stored {@link ClassLinkConfig} plus optional injections. */
export interface ClassLinkConnectorSettings extends ClassLinkConfig {
  /** Defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Time source for backoff, rate limits and OAuth timestamps. Defaults to the real clock. */
  clock?: Clock;
  /** Jitter source in [0, 1). Defaults to `Math.random`. */
  random?: () => number;
  /** Timeout of one request attempt in ms. Default 30 s. */
  timeoutMs?: number;
  /** Replaces ClassLink's retry policy (6 retries, exponential backoff with full jitter), or `false` for none. */
  retry?: RetryPolicy | false;
  /** Called before each retry, e.g. to show 429 cool-downs in a run's progress. */
  onRetry?: (event: HttpRetryEvent) => void;
}

const runtimeKeys = ['fetch', 'clock', 'random', 'timeoutMs', 'retry', 'onRetry'] as const;

function resolveConfig(settings: ClassLinkConnectorSettings): ResolvedClassLinkConfig {
  const stored: Record<string, unknown> = { ...settings };
  for (const key of runtimeKeys) delete stored[key];
  const parsed = classLinkConfigSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(config)',
    message: issue.message,
  }));
  throw new InvalidConfigError({
    message: `Invalid ClassLink settings: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
    issues,
  });
}

/**
 * Creates a connector for a district's ClassLink Roster Server (OneRoster 1.1), built on
 * `@aivo/connector-oneroster` with ClassLink's defaults: OAuth 1.0a HMAC-SHA256 signed as ClassLink's library
 * does (no `oauth_version`), pages of 10,000, jittered exponential backoff on 429/5xx, string booleans.
 *
 * The server is `baseUrl`, else derived from a `tenantId` like `springfield-ca`, else looked up with
 * `discovery.apiKey` in ClassLink's `applications` API (on first use).
 *
 * @example
 * const classlink = createClassLinkConnector({ clientId, clientSecret, tenantId: 'springfield-ca' });
 * for await (const user of classlink.users()) console.log(user.role, user.givenName);
 */
export function createClassLinkConnector(settings: ClassLinkConnectorSettings): RosterConnectorV1 {
  const config = resolveConfig(settings);
  const runtime: OneRosterApiRuntimeOptions = {
    quirks: settings.retry === undefined ? classLinkQuirks : { ...classLinkQuirks, retry: settings.retry },
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.clock ? { clock: settings.clock } : {}),
    ...(settings.random ? { random: settings.random } : {}),
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.onRetry ? { onRetry: settings.onRetry } : {}),
  };

  function build(server: { baseUrl: string; clientId: string; clientSecret: string }): RosterConnectorV1 {
    return createOneRosterApiConnector({
      baseUrl: server.baseUrl,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      auth: 'oauth1',
      pageSize: config.pageSize,
      ...(config.requestsPerMinute === undefined ? {} : { requestsPerMinute: config.requestsPerMinute }),
      providerType: 'CLASSLINK',
      ...runtime,
    });
  }

  const { discovery } = config;
  let pending: Promise<RosterConnectorV1> | undefined = discovery
    ? undefined
    : Promise.resolve(
        build({
          baseUrl: config.baseUrl ?? rosterServerUrl(config.tenantId),
          clientId: config.clientId!,
          clientSecret: config.clientSecret!,
        }),
      );

  /** The OneRoster connector of the district's server, discovered once (a failed lookup is tried again). */
  function inner(signal?: AbortSignal): Promise<RosterConnectorV1> {
    if (!pending && discovery) {
      const lookup = discoverClassLinkServer({
        apiKey: discovery.apiKey,
        proxyUrl: discovery.proxyUrl,
        tenantId: config.tenantId,
        ...(settings.fetch ? { fetch: settings.fetch } : {}),
        http: {
          ...(settings.clock ? { clock: settings.clock } : {}),
          ...(settings.random ? { random: settings.random } : {}),
          ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
          retry: runtime.quirks?.retry ?? classLinkQuirks.retry,
        },
        ...(signal ? { signal } : {}),
      }).then(build);
      lookup.catch(() => {
        if (pending === lookup) pending = undefined;
      });
      pending = lookup;
    }
    return pending!;
  }

  function read<Entity extends RosterEntity>(entity: Entity) {
    return async function* (options: ReadOptions = {}): AsyncGenerator<RosterRecordByEntity[Entity]> {
      options.signal?.throwIfAborted();
      const connector = await inner(options.signal);
      yield* connector[entity](options) as AsyncIterable<RosterRecordByEntity[Entity]>;
    };
  }

  return {
    specificationVersion: 'v1',
    providerType: 'CLASSLINK',
    capabilities: { delta: true },
    async testConnection(options = {}): Promise<ConnectionCheck> {
      let connector: RosterConnectorV1;
      try {
        connector = await inner(options.signal);
      } catch (error) {
        options.signal?.throwIfAborted();
        if (AuthenticationError.isInstance(error)) {
          return { success: false, code: error.code, message: error.message };
        }
        return describeOneRosterConnectionFailure(error, {
          baseUrl: discovery?.proxyUrl ?? 'https://oneroster-proxy.classlink.io',
          vendorName: 'ClassLink',
        });
      }
      return connector.testConnection(options);
    },
    orgs: read('orgs'),
    academicSessions: read('academicSessions'),
    courses: read('courses'),
    classes: read('classes'),
    users: read('users'),
    enrollments: read('enrollments'),
  };
}
