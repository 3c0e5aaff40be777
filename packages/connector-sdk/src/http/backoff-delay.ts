/** Retry settings of the HTTP kit. Every field has a default. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 4 (5 attempts in all). */
  maxRetries?: number;
  /** Delay before the first retry, before jitter. Default 500 ms. */
  initialDelayMs?: number;
  /** Cap of the exponential delay. Default 30 s. */
  maxDelayMs?: number;
  /** Growth per retry. Default 2. */
  multiplier?: number;
  /** Share of the delay that is random, 0..1. Default 0.5 (delay is between 50% and 100% of the step). */
  jitter?: number;
  /**
   * The longest server-requested wait (`Retry-After`, `X-RateLimit-Reset`) we sit out before retrying.
   * Longer waits end the call with a `RateLimitError` carrying `retryAfterMs`. Default 120 s.
   */
  maxRetryAfterMs?: number;
}

/** {@link RetryPolicy} with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** Fills in the defaults of a retry policy; `false` means no retries. */
export function resolveRetryPolicy(policy: RetryPolicy | false | undefined): ResolvedRetryPolicy {
  const resolved: ResolvedRetryPolicy = {
    maxRetries: 4,
    initialDelayMs: 500,
    maxDelayMs: 30_000,
    multiplier: 2,
    jitter: 0.5,
    maxRetryAfterMs: 120_000,
    ...(policy || {}),
  };
  if (policy === false) resolved.maxRetries = 0;
  resolved.jitter = Math.min(1, Math.max(0, resolved.jitter));
  return resolved;
}

/**
 * The delay before retry number `retry` (0 for the first retry): `initialDelayMs * multiplier^retry`, capped
 * at `maxDelayMs`, minus a random share of up to `jitter` so that clients that failed together do not retry
 * together. `random` returns a number in [0, 1).
 *
 * @example computeBackoffDelay(2, resolveRetryPolicy({ jitter: 0 }), Math.random) // 2000
 */
export function computeBackoffDelay(
  retry: number,
  policy: ResolvedRetryPolicy,
  random: () => number,
): number {
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** retry);
  return Math.round(step * (1 - policy.jitter * random()));
}
