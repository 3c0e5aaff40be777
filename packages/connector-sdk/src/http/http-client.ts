import { ApiCallError } from '../errors/api-call-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { computeBackoffDelay, type RetryPolicy, resolveRetryPolicy } from './backoff-delay.js';
import { type Clock, systemClock } from './clock.js';
import type { HttpAuth } from './http-auth.js';
import { percentEncodeRfc3986 } from './oauth1-signature.js';
import type { RateLimiter } from './rate-limiter.js';
import { redactSecrets } from './redact-secrets.js';
import { createBodyExcerpt, isHtmlBody, readBodyText } from './response-body.js';
import { parseRetryAfterMs } from './retry-after.js';

/** Settings of {@link createHttpClient}. Only what differs from the defaults needs giving. */
export interface HttpClientSettings {
  /** Relative request paths resolve against it; a trailing `/` is added when missing. */
  baseUrl?: string | URL;
  /** Defaults to the global `fetch`. Inject one in tests or to add a proxy. */
  fetch?: typeof globalThis.fetch;
  /** Clock for backoff waits and `Retry-After` dates. Defaults to the real one. */
  clock?: Clock;
  /** Source of jitter in [0, 1). Defaults to `Math.random`. */
  random?: () => number;
  /** Timeout of one attempt (headers and, for text/JSON, the body), in ms. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryPolicy | false;
  /** Client-side budget shared by every request of this client (and any other client given the same one). */
  rateLimiter?: RateLimiter;
  /** Adds credentials to each attempt. */
  auth?: HttpAuth;
  /** Headers sent with every request, e.g. `accept` or `user-agent`. */
  headers?: Record<string, string>;
  /** Further secret strings to remove from errors (beyond those the `auth` reports). */
  secrets?: Iterable<string | undefined>;
  /** Called before each retry, for logging. Its `url` has secrets removed. */
  onRetry?: (event: HttpRetryEvent) => void;
}

/** What {@link HttpClientSettings.onRetry} receives. */
export interface HttpRetryEvent {
  method: string;
  url: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  status?: number;
  reason: string;
}

/** Options of one request. */
export interface HttpRequestOptions {
  /** Default `GET`. */
  method?: string;
  /** Appended to the URL's query; `undefined` values are skipped. */
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** A body that can be sent again on retry. */
  body?: string | URLSearchParams;
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this request. */
  timeoutMs?: number;
}

/** A successful response with its body already read. */
export interface HttpResponse<Body> {
  /** The final URL (after redirects). */
  url: string;
  status: number;
  headers: Headers;
  body: Body;
}

/** An HTTP client with retries, timeouts, rate limiting, auth and safe errors. See {@link createHttpClient}. */
export interface HttpClient {
  /**
   * Sends a request and returns the response with its body unread, for streaming (e.g. a CSV download).
   * The per-attempt timeout covers only the headers; `signal` still aborts the body stream.
   */
  request(url: string | URL, options?: HttpRequestOptions): Promise<Response>;
  /** Sends a request and reads the body as text. */
  requestText(url: string | URL, options?: HttpRequestOptions): Promise<HttpResponse<string>>;
  /**
   * Sends a request and parses the body as JSON. A body that is not JSON (an HTML error page from a proxy, a
   * truncated document) throws an `ApiCallError` with code `invalid_response`. An empty body gives `null`.
   */
  requestJson(url: string | URL, options?: HttpRequestOptions): Promise<HttpResponse<unknown>>;
  /** Resolves a path against `baseUrl` and appends `query`. */
  resolveUrl(url: string | URL, query?: HttpRequestOptions['query']): URL;
  /** Removes this client's secrets (and generic ones: tokens, signatures) from a text. */
  redact(text: string): string;
}

type AttemptOutcome<Value> =
  | { ok: true; value: Value }
  | {
      ok: false;
      reason: string;
      retryable: boolean;
      status?: number;
      headers?: Headers;
      bodyExcerpt?: string;
      retryAfterMs?: number;
      timedOut?: boolean;
      cause?: unknown;
    };

const timeoutReason = Symbol('aivo.http.timeout');

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * Creates the HTTP client every API connector uses.
 *
 * - Per-attempt timeout and the caller's `AbortSignal` (abort rejects with the signal's reason at once, also
 *   during a backoff wait or a rate-limit wait).
 * - Retries 408/429/5xx and network errors with capped, jittered exponential backoff, honouring
 *   `Retry-After` and `X-RateLimit-Reset`; a 429 also pauses the shared rate limiter.
 * - On 401, when the auth can `invalidate()`, fetches fresh credentials and retries once.
 * - Errors: 401/403 → `AuthenticationError`, 429 after retries → `RateLimitError`, anything else →
 *   `ApiCallError` (url, status, body excerpt). Secrets never appear in them.
 *
 * @example
 * const client = createHttpClient({
 *   baseUrl: 'https://api.clever.com/v3.0/',
 *   auth: bearerAuth(token),
 *   rateLimiter: createRateLimiter({ limit: 1000, windowMs: 60_000 }),
 * });
 * const { body } = await client.requestJson('users', { query: { limit: 1000 }, signal });
 */
export function createHttpClient(settings: HttpClientSettings = {}): HttpClient {
  const fetchImplementation = settings.fetch ?? globalThis.fetch;
  const clock = settings.clock ?? systemClock;
  const random = settings.random ?? Math.random;
  const policy = resolveRetryPolicy(settings.retry);
  const baseUrl =
    settings.baseUrl === undefined
      ? undefined
      : new URL(String(settings.baseUrl).endsWith('/') ? String(settings.baseUrl) : `${settings.baseUrl}/`);
  const configuredSecrets = [...(settings.secrets ?? [])];

  function redact(text: string): string {
    return redactSecrets(text, { secrets: [...configuredSecrets, ...(settings.auth?.secrets?.() ?? [])] });
  }

  function resolveUrl(url: string | URL, query?: HttpRequestOptions['query']): URL {
    const resolved = baseUrl ? new URL(url, baseUrl) : new URL(url);
    // Appended with strict RFC 3986 encoding (space as %20, not +), leaving the existing query untouched, so
    // the URL sent is byte for byte the one an OAuth 1.0a signature covers, whatever the server's parser.
    const added = Object.entries(query ?? {})
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([name, value]) => `${percentEncodeRfc3986(name)}=${percentEncodeRfc3986(String(value))}`);
    if (added.length > 0) {
      const existing = resolved.search.replace(/^\?/, '');
      resolved.search = [existing, ...added].filter(Boolean).join('&');
    }
    return resolved;
  }

  async function attempt<Value>(
    method: string,
    url: URL,
    options: HttpRequestOptions,
    read: (response: Response) => Promise<AttemptOutcome<Value>>,
    keepSignalForBody: boolean,
  ): Promise<AttemptOutcome<Value>> {
    const controller = new AbortController();
    const callerSignal = options.signal;
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(
      () => controller.abort(timeoutReason),
      options.timeoutMs ?? settings.timeoutMs ?? 30_000,
    );
    const timeoutSeconds = Math.round((options.timeoutMs ?? settings.timeoutMs ?? 30_000) / 1000);
    let handedOver = false;
    try {
      const headers = new Headers(settings.headers);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      await settings.auth?.authorize({
        method,
        url,
        headers,
        ...(callerSignal ? { signal: callerSignal } : {}),
      });
      let response: Response;
      try {
        response = await fetchImplementation(url, {
          method,
          headers,
          signal: controller.signal,
          ...(options.body === undefined ? {} : { body: options.body }),
        });
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (controller.signal.reason === timeoutReason) {
          return {
            ok: false,
            reason: `no response within ${timeoutSeconds} s`,
            retryable: true,
            timedOut: true,
          };
        }
        return { ok: false, reason: describeNetworkError(error), retryable: true, cause: error };
      }
      if (!response.ok) {
        const text = await readBodyText(response);
        if (callerSignal?.aborted) throw callerSignal.reason;
        return {
          ok: false,
          reason: `HTTP ${response.status}`,
          retryable: isRetryableStatus(response.status),
          status: response.status,
          headers: response.headers,
          bodyExcerpt: redact(createBodyExcerpt(response.headers.get('content-type'), text)),
          retryAfterMs: parseRetryAfterMs(response.headers, clock.now()),
        };
      }
      try {
        const outcome = await read(response);
        handedOver = keepSignalForBody;
        return outcome;
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (controller.signal.reason === timeoutReason) {
          return {
            ok: false,
            reason: `body not received within ${timeoutSeconds} s`,
            retryable: true,
            timedOut: true,
          };
        }
        return {
          ok: false,
          reason: `body read failed: ${describeNetworkError(error)}`,
          retryable: true,
          cause: error,
        };
      }
    } finally {
      clearTimeout(timer);
      // A streamed body keeps following the caller's signal; otherwise drop the listener.
      if (!handedOver) callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  function toError(
    method: string,
    url: URL,
    outcome: Extract<AttemptOutcome<unknown>, { ok: false }>,
    attempts: number,
  ) {
    const safeUrl = redact(url.toString());
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const excerpt = outcome.bodyExcerpt ? `: ${outcome.bodyExcerpt}` : '';
    const status = outcome.status;
    if (status === 401 || status === 403) {
      return new AuthenticationError({
        message: `${method} ${safeUrl} was refused with HTTP ${status}${excerpt}. ${
          status === 401
            ? 'Check the client id and secret (or token) in the connection settings.'
            : 'The credentials work but lack access to this resource; check the app’s permissions or scopes.'
        }`,
        code: status === 401 ? 'authentication_failed' : 'forbidden',
      });
    }
    if (status === 429) {
      return new RateLimitError({
        message: `${method} ${safeUrl} was rate limited (HTTP 429)${tries}${
          outcome.retryAfterMs === undefined
            ? ''
            : `; the server asks to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s`
        }`,
        url: safeUrl,
        ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
      });
    }
    if (status === undefined) {
      return new ApiCallError({
        message: `${method} ${safeUrl} failed${tries}: ${redact(outcome.reason)}`,
        url: safeUrl,
        cause: outcome.cause,
        ...(outcome.timedOut ? { code: 'timeout' } : {}),
      });
    }
    return new ApiCallError({
      message: `${method} ${safeUrl} failed with HTTP ${status}${tries}${excerpt}`,
      url: safeUrl,
      status,
      ...(outcome.bodyExcerpt === undefined ? {} : { bodyExcerpt: outcome.bodyExcerpt }),
    });
  }

  async function execute<Value>(
    input: string | URL,
    options: HttpRequestOptions,
    read: (response: Response) => Promise<AttemptOutcome<Value>>,
    keepSignalForBody = false,
  ): Promise<Value> {
    const url = resolveUrl(input, options.query);
    const method = (options.method ?? 'GET').toUpperCase();
    let retries = 0;
    let attempts = 0;
    let reauthorized = false;
    for (;;) {
      options.signal?.throwIfAborted();
      await settings.rateLimiter?.acquire(options.signal);
      attempts += 1;
      const outcome = await attempt(method, url, options, read, keepSignalForBody);
      if (outcome.ok) return outcome.value;
      if (outcome.status === 401 && settings.auth?.invalidate && !reauthorized) {
        // A cached token may have been revoked or expired early: fetch a fresh one and try once more.
        reauthorized = true;
        settings.auth.invalidate();
        continue;
      }
      const hint = outcome.retryAfterMs;
      if (
        !outcome.retryable ||
        retries >= policy.maxRetries ||
        (hint !== undefined && hint > policy.maxRetryAfterMs)
      ) {
        throw toError(method, url, outcome, attempts);
      }
      const delayMs = hint ?? computeBackoffDelay(retries, policy, random);
      if (outcome.status === 429) settings.rateLimiter?.pauseUntil(clock.now() + delayMs);
      retries += 1;
      settings.onRetry?.({
        method,
        url: redact(url.toString()),
        retry: retries,
        delayMs,
        reason: outcome.reason,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
      });
      await clock.sleep(delayMs, options.signal);
    }
  }

  async function readText(response: Response): Promise<AttemptOutcome<HttpResponse<string>>> {
    const text = await response.text();
    return {
      ok: true,
      value: { url: response.url, status: response.status, headers: response.headers, body: text },
    };
  }

  return {
    resolveUrl,
    redact,
    request(url, options = {}) {
      return execute(url, options, async (response) => ({ ok: true, value: response }), true);
    },
    requestText(url, options = {}) {
      return execute(url, options, readText);
    },
    async requestJson(url, options = {}) {
      const method = (options.method ?? 'GET').toUpperCase();
      const response = await execute(
        url,
        { ...options, headers: { accept: 'application/json', ...options.headers } },
        readText,
      );
      const contentType = response.headers.get('content-type');
      const invalid = (why: string) =>
        new ApiCallError({
          code: 'invalid_response',
          isRetryable: false,
          message: `${method} ${redact(response.url || resolveUrl(url, options.query).toString())} returned ${why}`,
          url: redact(response.url || resolveUrl(url, options.query).toString()),
          status: response.status,
          bodyExcerpt: redact(createBodyExcerpt(contentType, response.body)),
        });
      if (response.body.trim() === '') return { ...response, body: null };
      if (isHtmlBody(contentType, response.body)) {
        throw invalid(
          `an HTML page instead of JSON (${redact(createBodyExcerpt(contentType, response.body))}); check the base URL`,
        );
      }
      try {
        return { ...response, body: JSON.parse(response.body) as unknown };
      } catch (error) {
        throw invalid(
          `a body that is not valid JSON (${redact(error instanceof Error ? error.message : String(error))})`,
        );
      }
    },
  };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code =
    cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  const causeMessage = cause instanceof Error ? cause.message : '';
  return [error.message, code, causeMessage].filter(Boolean).join(': ');
}
