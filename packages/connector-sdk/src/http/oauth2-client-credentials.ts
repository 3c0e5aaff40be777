import { z } from 'zod';
import { ApiCallError } from '../errors/api-call-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { RetryPolicy } from './backoff-delay.js';
import { type Clock, systemClock } from './clock.js';
import { basicAuth, type HttpAuth } from './http-auth.js';
import { createHttpClient } from './http-client.js';

/** Settings of {@link createOAuth2ClientCredentials}. */
export interface OAuth2ClientCredentialsSettings {
  /** e.g. `https://sis.example/oneroster/token` (vendors differ: Aeries `{base}/token`). */
  tokenUrl: string | URL;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes or a list, e.g. the OneRoster `roster-core.readonly` scope URL. */
  scope?: string | string[];
  /**
   * `header` (default): `Authorization: Basic` with form-urlencoded id and secret (RFC 6749 §2.3.1).
   * `body`: `client_id` and `client_secret` as form fields, for servers that only accept that.
   */
  credentialsIn?: 'header' | 'body';
  /** Refresh this long before the token expires. Default 60 s (Moodle uses 10 s). */
  refreshSkewMs?: number;
  /** Lifetime assumed when the response has no `expires_in`. Default 1 hour. */
  defaultLifetimeMs?: number;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  timeoutMs?: number;
  retry?: RetryPolicy | false;
}

/** A cached OAuth 2 access token source that is also an {@link HttpAuth} (`Authorization: Bearer`). */
export interface OAuth2ClientCredentials extends HttpAuth {
  /**
   * Returns a valid access token, fetching one when none is cached or the cached one is about to expire.
   * Concurrent callers share a single token request. `signal` abandons this caller's wait only.
   */
  getAccessToken(options?: { signal?: AbortSignal }): Promise<string>;
  /** Forgets the cached token (after a 401); the next call fetches a new one. */
  invalidate(): void;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.preprocess(
    (value) => (value === null || value === '' ? undefined : value),
    z.coerce.number().positive().optional(),
  ),
  scope: z.unknown(),
});

/**
 * OAuth 2.0 client credentials grant (OneRoster 1.2 and many 1.1 servers): `POST tokenUrl` with
 * `grant_type=client_credentials`, caches the token until shortly before `expires_in`, refreshes it once
 * for all concurrent callers, and re-fetches after `invalidate()`. Use it directly as the `auth` of
 * `createHttpClient`.
 *
 * @example
 * const auth = createOAuth2ClientCredentials({ tokenUrl, clientId, clientSecret, scope: rosterCoreScope });
 * const client = createHttpClient({ baseUrl, auth });
 */
export function createOAuth2ClientCredentials(
  settings: OAuth2ClientCredentialsSettings,
): OAuth2ClientCredentials {
  const clock = settings.clock ?? systemClock;
  const refreshSkewMs = settings.refreshSkewMs ?? 60_000;
  const defaultLifetimeMs = settings.defaultLifetimeMs ?? 3_600_000;
  const credentialsInBody = settings.credentialsIn === 'body';
  const tokenClient = createHttpClient({
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    clock,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.retry === undefined ? {} : { retry: settings.retry }),
    secrets: [settings.clientSecret],
    ...(credentialsInBody
      ? {}
      : { auth: basicAuth({ username: settings.clientId, password: settings.clientSecret }) }),
  });

  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  // Bumped by invalidate(), so a request started before it cannot refill the cache with a stale token.
  let generation = 0;

  async function fetchToken(): Promise<string> {
    const startedGeneration = generation;
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    const scope = Array.isArray(settings.scope) ? settings.scope.join(' ') : settings.scope;
    if (scope) body.set('scope', scope);
    if (credentialsInBody) {
      body.set('client_id', settings.clientId);
      body.set('client_secret', settings.clientSecret);
    }
    const requestedAt = clock.now();
    let response: Awaited<ReturnType<typeof tokenClient.requestJson>>;
    try {
      response = await tokenClient.requestJson(settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    } catch (error) {
      // RFC 6749 answers a bad client with 400/401 {"error":"invalid_client"}.
      if (
        ApiCallError.isInstance(error) &&
        error.status === 400 &&
        /invalid_client|unauthorized_client/.test(error.bodyExcerpt ?? '')
      ) {
        throw new AuthenticationError({
          message: `The token endpoint rejected the client id or secret: ${error.bodyExcerpt}`,
          cause: error,
        });
      }
      if (AuthenticationError.isInstance(error)) {
        throw new AuthenticationError({
          message: `${error.message.replace(/ Check the client.*$/, '')} Check the client id and secret used for the token endpoint.`,
          code: error.code,
          cause: error,
        });
      }
      throw error;
    }
    const parsed = tokenResponseSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new ApiCallError({
        code: 'invalid_response',
        isRetryable: false,
        message: `The token endpoint ${tokenClient.redact(String(settings.tokenUrl))} did not return an access_token`,
        url: tokenClient.redact(String(settings.tokenUrl)),
        status: response.status,
      });
    }
    const lifetimeMs =
      parsed.data.expires_in === undefined ? defaultLifetimeMs : parsed.data.expires_in * 1000;
    // Short-lived tokens still get used: refresh at the earliest halfway through their life.
    const refreshAt = requestedAt + Math.max(lifetimeMs - refreshSkewMs, lifetimeMs / 2);
    if (startedGeneration === generation) cached = { token: parsed.data.access_token, refreshAt };
    return parsed.data.access_token;
  }

  async function getAccessToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    options.signal?.throwIfAborted();
    if (cached && clock.now() < cached.refreshAt) return cached.token;
    if (!pending) {
      pending = fetchToken().finally(() => {
        pending = undefined;
      });
    }
    return options.signal ? abandonOnAbort(pending, options.signal) : pending;
  }

  return {
    getAccessToken,
    invalidate() {
      cached = undefined;
      generation += 1;
    },
    async authorize({ headers, signal }) {
      const token = await getAccessToken(signal ? { signal } : {});
      headers.set('authorization', `Bearer ${token}`);
    },
    secrets: () => [settings.clientSecret, cached?.token],
  };
}

/** Waits for a shared promise, but lets one caller stop waiting when its signal aborts. */
function abandonOnAbort<Value>(promise: Promise<Value>, signal: AbortSignal): Promise<Value> {
  return new Promise<Value>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(ConnectorError.isInstance(error) || error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
