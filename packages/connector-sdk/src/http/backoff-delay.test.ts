import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, resolveRetryPolicy } from './backoff-delay.js';
import { parseRetryAfterMs } from './retry-after.js';

describe('computeBackoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const policy = resolveRetryPolicy({ initialDelayMs: 500, maxDelayMs: 3000, jitter: 0 });
    expect([0, 1, 2, 3, 4].map((retry) => computeBackoffDelay(retry, policy, () => 0.99))).toEqual([
      500, 1000, 2000, 3000, 3000,
    ]);
  });

  it('takes up to `jitter` of each step off at random', () => {
    const policy = resolveRetryPolicy({ initialDelayMs: 1000, jitter: 0.5 });
    expect(computeBackoffDelay(0, policy, () => 0)).toBe(1000);
    expect(computeBackoffDelay(0, policy, () => 0.5)).toBe(750);
    expect(computeBackoffDelay(0, policy, () => 0.999999)).toBe(500);
  });

  it('treats retry: false as no retries', () => {
    expect(resolveRetryPolicy(false).maxRetries).toBe(0);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2024-08-01T00:00:00Z');

  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Aug 2024 00:00:30 GMT' }), now)).toBe(
      30_000,
    );
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Wed, 31 Jul 2024 00:00:00 GMT' }), now)).toBe(0);
  });

  it('reads X-RateLimit-Reset as Unix seconds and picks the exhausted bucket of repeated headers', () => {
    const seconds = now / 1000;
    expect(parseRetryAfterMs(new Headers({ 'x-ratelimit-reset': String(seconds + 12) }), now)).toBe(12_000);
    const headers = new Headers();
    headers.append('x-ratelimit-reset', String(seconds + 50));
    headers.append('x-ratelimit-reset', String(seconds + 5));
    headers.append('x-ratelimit-remaining', '10');
    headers.append('x-ratelimit-remaining', '0');
    expect(parseRetryAfterMs(headers, now)).toBe(5000);
    headers.delete('x-ratelimit-remaining');
    expect(parseRetryAfterMs(headers, now)).toBe(50_000);
  });

  it('returns undefined without a hint and takes the longer of two hints', () => {
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(
      parseRetryAfterMs(
        new Headers({ 'retry-after': '3', 'x-ratelimit-reset': String(now / 1000 + 9) }),
        now,
      ),
    ).toBe(9000);
  });
});
