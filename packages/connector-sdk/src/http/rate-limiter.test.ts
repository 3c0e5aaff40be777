import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock.js';
import { createRateLimiter } from './rate-limiter.js';

/** The largest number of grants inside any span of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
  let busiest = 0;
  for (let first = 0; first < starts.length; first += 1) {
    let count = 0;
    for (let index = first; index < starts.length && starts[index]! < starts[first]! + windowMs; index += 1)
      count += 1;
    busiest = Math.max(busiest, count);
  }
  return busiest;
}

describe('createRateLimiter', () => {
  it('never lets more than `limit` requests start in any window, with many concurrent callers', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ limit: 20, windowMs: 60_000, clock });
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 95 }, async () => {
        await limiter.acquire();
        starts.push(clock.now());
      }),
    );
    await clock.advance(10 * 60_000);
    await all;
    expect(starts).toHaveLength(95);
    expect(busiestWindow(starts, 60_000)).toBe(20);
    // 95 requests at 20 per minute need four further windows.
    expect(starts.at(-1)! - starts[0]!).toBe(4 * 60_000);
  });

  it('keeps the budget across bursts separated by partial windows', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ limit: 3, windowMs: 1000, clock });
    const starts: number[] = [];
    const take = () => limiter.acquire().then(() => starts.push(clock.now()));
    const first = [take(), take()];
    await clock.advance(600);
    const second = [take(), take(), take()];
    await clock.advance(5000);
    await Promise.all([...first, ...second]);
    expect(starts.map((start) => start - starts[0]!)).toEqual([0, 0, 600, 1000, 1000]);
    expect(busiestWindow(starts, 1000)).toBe(3);
  });

  it('serves waiters first come, first served', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 100, clock });
    const order: number[] = [];
    const waits = [1, 2, 3].map((number) => limiter.acquire().then(() => order.push(number)));
    await clock.advance(1000);
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  it('rejects an aborted wait with the signal reason and gives up its place', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, clock });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    // The aborted waiter did not use the budget: the next caller starts when the window allows.
    const next = limiter.acquire();
    await clock.advance(1000);
    await expect(next).resolves.toBeUndefined();
    expect(clock.now()).toBe(1_700_000_001_000);
  });

  it('holds every request back during pauseUntil', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const limiter = createRateLimiter({ limit: 100, windowMs: 1000, clock });
    limiter.pauseUntil(clock.now() + 5000);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([5000]);
  });

  it('rejects nonsense settings', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
