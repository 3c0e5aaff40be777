import type { Clock } from '../http/clock.js';

/** A {@link Clock} that only moves when told to, for deterministic tests of backoff and rate limits. */
export interface FakeClock extends Clock {
  /** Every `sleep` duration requested, in order. */
  readonly sleeps: number[];
  /** Moves time forward, waking sleepers due on the way (in time order, letting each one run). */
  advance(milliseconds: number): Promise<void>;
  /** Sleeps not yet woken. */
  pendingSleeps(): number;
}

/**
 * Creates a fake clock starting at `start` (epoch ms). With `autoAdvance: true` every `sleep` moves time
 * forward by its duration and resolves at once, so code under test runs to completion without waiting;
 * otherwise sleeps wait for {@link FakeClock.advance}. Auto-advance moves time the moment `sleep` is called,
 * which suits one sequential caller (retry delays); use `advance` to test concurrent callers (rate limits).
 *
 * @example
 * const clock = createFakeClock({ autoAdvance: true });
 * const client = createHttpClient({ clock, fetch: flakyFetch });
 * await client.requestJson(url);
 * expect(clock.sleeps).toEqual([500, 1000]);
 */
export function createFakeClock({ start = 1_700_000_000_000, autoAdvance = false } = {}): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  let timers: Array<{ due: number; order: number; resolve: () => void }> = [];
  let order = 0;

  return {
    sleeps,
    now: () => now,
    pendingSleeps: () => timers.length,
    sleep(milliseconds, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const duration = Math.max(0, milliseconds);
      sleeps.push(duration);
      if (autoAdvance) {
        now += duration;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const timer = {
          due: now + duration,
          order: order++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          timers = timers.filter((candidate) => candidate !== timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
      });
    },
    async advance(milliseconds) {
      const target = now + milliseconds;
      for (;;) {
        await flushMicrotasks();
        const due = timers
          .filter((timer) => timer.due <= target)
          .sort((left, right) => left.due - right.due || left.order - right.order)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = Math.max(now, due.due);
        due.resolve();
      }
      now = target;
      await flushMicrotasks();
    },
  };
}

function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
