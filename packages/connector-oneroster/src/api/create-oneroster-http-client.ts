import {
  type Clock,
  createHttpClient,
  createOAuth2ClientCredentials,
  createRateLimiter,
  type HttpAuth,
  type HttpClient,
  type HttpRetryEvent,
  oauth1Auth,
  type RateLimiter,
  type RetryPolicy,
} from '@aivo/connector-sdk';
import type { OneRosterApiConfig } from './oneroster-api-config.js';

/**
 * Vendor quirks a connector built on this one (ClassLink) can set. Every field has a default that suits a
 * spec-following OneRoster 1.1 server.
 */
export interface OneRosterApiQuirks {
  /** Send `oauth_version="1.0"` in OAuth 1.0a headers. Default true (Moodle); ClassLink's library omits it. */
  oauth1Version?: boolean;
  /** OAuth 1.0a header entry separator: `', '` (default) or `','` (ClassLink). */
  oauth1HeaderSeparator?: string;
  /** Page size when the config has none. Default 1000. */
  defaultPageSize?: number;
  /** Retry policy: retries, backoff and jitter for 429/5xx/network errors. Default: the SDK's (4 retries, jittered). */
  retry?: RetryPolicy | false;
  /** Budget when the config sets no `requestsPerMinute`. Default: none. */
  defaultRequestsPerMinute?: number;
  /** Name of the vendor in messages, e.g. `ClassLink`. Default `OneRoster`. */
  vendorName?: string;
}

/** Settings that are not part of the stored config: injected dependencies and vendor quirks. */
export interface OneRosterApiRuntimeOptions {
  /** Defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Clock for backoff, rate limits and OAuth timestamps. Defaults to the real one. */
  clock?: Clock;
  /** Jitter source in [0, 1). Defaults to `Math.random`. */
  random?: () => number;
  /** Timeout of one HTTP attempt, ms. Default 30 s. */
  timeoutMs?: number;
  /** Called before each retry (URL without secrets), e.g. to show rate-limit waits in a run's progress. */
  onRetry?: (event: HttpRetryEvent) => void;
  /** Replaces the auth the config describes, e.g. a fixed bearer token for ClassLink's OAuth 2 proxy. */
  httpAuth?: HttpAuth;
  quirks?: OneRosterApiQuirks;
}

/** The auth the config asks for: OAuth 1.0a signing (default) or OAuth 2 client credentials. */
export function createOneRosterAuth(
  config: OneRosterApiConfig,
  options: OneRosterApiRuntimeOptions,
): HttpAuth {
  if (options.httpAuth) return options.httpAuth;
  if (config.auth === 'oauth2') {
    return createOAuth2ClientCredentials({
      tokenUrl: config.tokenUrl!,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      ...(config.scope ? { scope: config.scope } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.quirks?.retry === undefined ? {} : { retry: options.quirks.retry }),
    });
  }
  const clock = options.clock;
  return oauth1Auth({
    consumerKey: config.clientId,
    consumerSecret: config.clientSecret,
    ...(options.quirks?.oauth1Version === false ? {} : { version: '1.0' as const }),
    ...(options.quirks?.oauth1HeaderSeparator === undefined
      ? {}
      : { separator: options.quirks.oauth1HeaderSeparator }),
    ...(clock ? { now: () => clock.now() } : {}),
  });
}

/** The rate limiter the config and quirks ask for, or `undefined` for none. */
export function createOneRosterRateLimiter(
  config: OneRosterApiConfig,
  options: OneRosterApiRuntimeOptions,
): RateLimiter | undefined {
  const perMinute = config.requestsPerMinute ?? options.quirks?.defaultRequestsPerMinute;
  if (perMinute === undefined) return undefined;
  return createRateLimiter({
    limit: perMinute,
    windowMs: 60_000,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/**
 * The HTTP client of a OneRoster connector: base URL, auth, retries with jittered backoff, rate limit, and
 * the client secret redacted from every error. `overrides` adjust it (e.g. fewer retries for a connection test).
 */
export function createOneRosterHttpClient(
  config: OneRosterApiConfig,
  options: OneRosterApiRuntimeOptions,
  shared: { auth: HttpAuth; rateLimiter?: RateLimiter | undefined; retry?: RetryPolicy | false },
): HttpClient {
  const retry = shared.retry ?? options.quirks?.retry;
  return createHttpClient({
    baseUrl: `${config.baseUrl}/`,
    auth: shared.auth,
    headers: { accept: 'application/json' },
    secrets: [config.clientSecret],
    ...(shared.rateLimiter ? { rateLimiter: shared.rateLimiter } : {}),
    ...(retry === undefined ? {} : { retry }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
}
