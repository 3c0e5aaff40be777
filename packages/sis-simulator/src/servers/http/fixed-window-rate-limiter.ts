/** The outcome of counting one request against a budget. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** When the current window ends, in Unix seconds. */
  resetAtSeconds: number;
}

/**
 * A fixed-window request budget per key (Clever: 1,200 requests per minute per bearer token, a window that
 * resets on the minute, not a sliding average).
 */
export class FixedWindowRateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; used: number }>();

  constructor({ limit, windowMs = 60_000, now }: { limit: number; windowMs?: number; now: () => number }) {
    if (!(limit >= 1))
      throw new RangeError(`Rate limit must be 1 or more requests per window (got ${limit})`);
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Counts one request for `key` and says whether it is within the budget. */
  take(key: string): RateLimitDecision {
    const time = this.#now();
    const start = Math.floor(time / this.#windowMs) * this.#windowMs;
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.#windows.set(key, window);
    }
    const allowed = window.used < this.#limit;
    if (allowed) window.used += 1;
    return {
      allowed,
      limit: this.#limit,
      remaining: this.#limit - window.used,
      resetAtSeconds: Math.ceil((start + this.#windowMs) / 1000),
    };
  }
}
