import { type Clock, systemClock } from './clock.js';

/** Settings of {@link createRateLimiter}. */
export interface RateLimiterSettings {
  /** Requests allowed per window, e.g. 1200 for Clever's 1,200 per minute. Keep a margin below the vendor's. */
  limit: number;
  /** Window length in milliseconds, e.g. 60_000. */
  windowMs: number;
  clock?: Clock;
}

/** A client-side request budget shared by every request of one connector. */
export interface RateLimiter {
  /**
   * Waits until a request may start and takes one unit of budget. Waiters are served first come, first
   * served. Rejects with the signal's reason, and gives up its place, when `signal` aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Holds every request back until `untilMs` (epoch ms), e.g. after a 429 with `Retry-After`. */
  pauseUntil(untilMs: number): void;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Creates a rate limiter that never lets more than `limit` requests start in any span of `windowMs`.
 * It keeps the start times of the last `limit` requests (a sliding log), which also keeps every fixed
 * window the server counts in — wherever its boundaries fall — within the budget.
 *
 * @example
 * const limiter = createRateLimiter({ limit: 1000, windowMs: 60_000 });
 * const client = createHttpClient({ baseUrl, rateLimiter: limiter });
 */
export function createRateLimiter(settings: RateLimiterSettings): RateLimiter {
  const { limit, windowMs, clock = systemClock } = settings;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('rate limiter limit must be a positive integer');
  if (!(windowMs > 0)) throw new RangeError('rate limiter windowMs must be positive');

  // Start times of the most recent grants, oldest first; never longer than `limit`.
  const starts: number[] = [];
  const waiters: Waiter[] = [];
  let pausedUntil = 0;
  let pumping = false;
  // Cancels the pump's sleep when every waiter gave up, so no timer outlives the work.
  let pumpSleep: AbortController | undefined;

  /** Milliseconds until the next grant is allowed (0 = now). */
  function waitTime(now: number): number {
    const pauseWait = pausedUntil - now;
    const oldest = starts.length >= limit ? starts[starts.length - limit]! : undefined;
    const budgetWait = oldest === undefined ? 0 : oldest + windowMs - now;
    return Math.max(0, pauseWait, budgetWait);
  }

  function grant(now: number): void {
    starts.push(now);
    if (starts.length > limit) starts.shift();
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0) {
        const wait = waitTime(clock.now());
        if (wait > 0) {
          pumpSleep = new AbortController();
          try {
            await clock.sleep(wait, pumpSleep.signal);
          } catch {
            // Cancelled because the queue emptied; the loop condition ends the pump.
          }
          continue;
        }
        const waiter = waiters.shift()!;
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        grant(clock.now());
        waiter.resolve();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (waiters.length === 0 && waitTime(clock.now()) === 0) {
        grant(clock.now());
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = waiters.indexOf(waiter);
            if (index !== -1) waiters.splice(index, 1);
            if (waiters.length === 0) pumpSleep?.abort();
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        waiters.push(waiter);
        void pump();
      });
    },
    pauseUntil(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs);
    },
  };
}
