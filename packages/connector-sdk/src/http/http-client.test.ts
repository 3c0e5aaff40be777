import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { createFakeClock } from '../testing/fake-clock.js';
import { createHttpClient, type HttpRetryEvent } from './http-client.js';
import { createRateLimiter } from './rate-limiter.js';

// Retry timing with a fake clock and a scripted fetch (the wire); the loopback tests cover real sockets.
type Script = Array<Response | Error>;

function scriptedFetch(script: Script) {
  const calls: Array<{ url: string; headers: Headers }> = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    const next = script.shift();
    if (!next) throw new Error('script exhausted');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });

describe('createHttpClient retries', () => {
  it('retries 503, 502 and network errors with exponential backoff, then succeeds', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const { fetch, calls } = scriptedFetch([
      new Response('busy', { status: 503 }),
      new Response('bad gateway', { status: 502 }),
      new TypeError('fetch failed'),
      json({ ok: true }),
    ]);
    const events: HttpRetryEvent[] = [];
    const client = createHttpClient({
      baseUrl: 'https://api.example/v1',
      fetch,
      clock,
      random: () => 0,
      retry: { initialDelayMs: 100, jitter: 0.5 },
      onRetry: (event) => events.push(event),
    });
    const response = await client.requestJson('users');
    expect(response.body).toEqual({ ok: true });
    expect(calls).toHaveLength(4);
    expect(calls[0]!.url).toBe('https://api.example/v1/users');
    expect(clock.sleeps).toEqual([100, 200, 400]);
    expect(events.map((event) => [event.retry, event.status, event.delayMs])).toEqual([
      [1, 503, 100],
      [2, 502, 200],
      [3, undefined, 400],
    ]);
  });

  it('applies jitter from the injected random source and caps the delay', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const { fetch } = scriptedFetch([
      ...Array.from({ length: 4 }, () => new Response('', { status: 500 })),
      json({}),
    ]);
    const client = createHttpClient({
      fetch,
      clock,
      random: () => 0.5,
      retry: { initialDelayMs: 1000, maxDelayMs: 3000, jitter: 0.5 },
    });
    await client.requestJson('https://api.example/x');
    expect(clock.sleeps).toEqual([750, 1500, 2250, 2250]);
  });

  it('gives up after maxRetries with an ApiCallError carrying status and a body excerpt', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const { fetch, calls } = scriptedFetch(
      Array.from({ length: 3 }, () => new Response('{"error":"boom"}', { status: 500 })),
    );
    const client = createHttpClient({ fetch, clock, retry: { maxRetries: 2 } });
    const error = await client.requestJson('https://api.example/x').catch((caught: unknown) => caught);
    expect(calls).toHaveLength(3);
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, bodyExcerpt: '{"error":"boom"}', isRetryable: true });
    expect((error as Error).message).toContain('after 3 attempts');
  });

  it('honours Retry-After on 429 instead of the backoff, and pauses the shared rate limiter', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const { fetch } = scriptedFetch([
      new Response('slow down', { status: 429, headers: { 'retry-after': '7' } }),
      json({}),
    ]);
    const rateLimiter = createRateLimiter({ limit: 100, windowMs: 1000, clock });
    const client = createHttpClient({ fetch, clock, rateLimiter, retry: { initialDelayMs: 100 } });
    await client.requestJson('https://api.example/x');
    expect(clock.sleeps).toEqual([7000]);
  });

  it('honours X-RateLimit-Reset (Unix seconds)', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const reset = String(Math.floor(clock.now() / 1000) + 20);
    const { fetch } = scriptedFetch([
      new Response('', { status: 429, headers: { 'x-ratelimit-reset': reset } }),
      json({}),
    ]);
    const client = createHttpClient({ fetch, clock });
    await client.requestJson('https://api.example/x');
    expect(clock.sleeps).toEqual([20_000]);
  });

  it('throws RateLimitError with retryAfterMs when 429s outlast the retries', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const { fetch } = scriptedFetch(
      Array.from({ length: 2 }, () => new Response('', { status: 429, headers: { 'retry-after': '3' } })),
    );
    const client = createHttpClient({ fetch, clock, retry: { maxRetries: 1 } });
    const error = await client.requestJson('https://api.example/x').catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryAfterMs: 3000, code: 'rate_limited' });
  });

  it('does not sit out a Retry-After longer than maxRetryAfterMs', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const { fetch, calls } = scriptedFetch([
      new Response('', { status: 429, headers: { 'retry-after': '3600' } }),
    ]);
    const client = createHttpClient({ fetch, clock, retry: { maxRetryAfterMs: 60_000 } });
    await expect(client.requestJson('https://api.example/x')).rejects.toMatchObject({
      retryAfterMs: 3_600_000,
    });
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry 400 or 404, and maps 401/403 to AuthenticationError', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const { fetch, calls } = scriptedFetch([
      new Response('nope', { status: 404 }),
      new Response('', { status: 401 }),
      new Response('', { status: 403 }),
    ]);
    const client = createHttpClient({ fetch, clock });
    await expect(client.requestJson('https://api.example/a')).rejects.toMatchObject({
      status: 404,
      isRetryable: false,
    });
    const unauthorized = await client.requestJson('https://api.example/b').catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(unauthorized)).toBe(true);
    expect(unauthorized).toMatchObject({ code: 'authentication_failed' });
    await expect(client.requestJson('https://api.example/c')).rejects.toMatchObject({ code: 'forbidden' });
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([]);
  });

  it('on 401 invalidates the auth and retries once with fresh credentials', async () => {
    const { fetch, calls } = scriptedFetch([new Response('', { status: 401 }), json({ ok: 1 })]);
    let token = 'old-token';
    const client = createHttpClient({
      fetch,
      auth: {
        authorize: ({ headers }) => headers.set('authorization', `Bearer ${token}`),
        invalidate: () => {
          token = 'new-token';
        },
      },
    });
    await expect(client.requestJson('https://api.example/x')).resolves.toMatchObject({ body: { ok: 1 } });
    expect(calls.map((call) => call.headers.get('authorization'))).toEqual([
      'Bearer old-token',
      'Bearer new-token',
    ]);
  });

  it('rejects with the abort reason during a backoff wait', async () => {
    const clock = createFakeClock();
    const { fetch } = scriptedFetch([new Response('', { status: 503 })]);
    const client = createHttpClient({ fetch, clock });
    const controller = new AbortController();
    const request = client.requestJson('https://api.example/x', { signal: controller.signal });
    await clock.advance(0);
    expect(clock.pendingSleeps()).toBe(1);
    controller.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createHttpClient bodies and secrets', () => {
  it('rejects an HTML page where JSON was expected, saying so', async () => {
    const { fetch } = scriptedFetch([
      new Response('<!DOCTYPE html><html><head><title>Sign in</title></head><body>…</body></html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      }),
    ]);
    const client = createHttpClient({ fetch });
    const error = await client.requestJson('https://api.example/x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'invalid_response',
      bodyExcerpt: 'HTML page: Sign in',
      isRetryable: false,
    });
    expect((error as Error).message).toContain('an HTML page instead of JSON');
  });

  it('rejects broken JSON and reads an empty body as null', async () => {
    const { fetch } = scriptedFetch([
      new Response('{"data": [', { status: 200 }),
      new Response('', { status: 200 }),
    ]);
    const client = createHttpClient({ fetch });
    await expect(client.requestJson('https://api.example/x')).rejects.toMatchObject({
      code: 'invalid_response',
    });
    await expect(client.requestJson('https://api.example/x')).resolves.toMatchObject({ body: null });
  });

  it('keeps tokens and configured secrets out of error urls, messages and excerpts', async () => {
    const { fetch } = scriptedFetch([
      new Response('{"error":"bad","client_secret":"shh-123456","echo":"my-api-key-999"}', { status: 400 }),
    ]);
    const client = createHttpClient({ fetch, secrets: ['my-api-key-999'] });
    const error = (await client
      .requestJson('https://api.example/x?access_token=tok-abcdef&key=my-api-key-999')
      .catch((caught: unknown) => caught)) as ApiCallError;
    const everything = `${error.message} ${error.url} ${error.bodyExcerpt}`;
    expect(everything).not.toContain('tok-abcdef');
    expect(everything).not.toContain('shh-123456');
    expect(everything).not.toContain('my-api-key-999');
    expect(error.url).toBe('https://api.example/x?access_token=[REDACTED]&key=[REDACTED]');
  });

  it('appends query parameters and resolves absolute paths against the host', () => {
    const client = createHttpClient({ baseUrl: 'https://api.example/ims/oneroster/v1p1' });
    expect(
      client.resolveUrl('users', { limit: 100, filter: "role='student'", skip: undefined }).toString(),
    ).toBe('https://api.example/ims/oneroster/v1p1/users?limit=100&filter=role%3D%27student%27');
    expect(client.resolveUrl('/v3.0/users?starting_after=x').toString()).toBe(
      'https://api.example/v3.0/users?starting_after=x',
    );
  });
});
