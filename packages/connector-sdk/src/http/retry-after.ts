/**
 * How long the server asked us to wait, in milliseconds from `now`, or `undefined` when it did not say.
 *
 * - `Retry-After`: delay in seconds, or an HTTP date.
 * - `X-RateLimit-Reset`: Unix seconds when the bucket refills. Clever sends one header per bucket (fetch
 *   joins them with `, `); when `X-RateLimit-Remaining` lists the buckets in the same order, the exhausted
 *   ones count, otherwise the latest reset does.
 *
 * When both are present the longer wait wins. Past times give 0.
 */
export function parseRetryAfterMs(headers: Headers, now: number): number | undefined {
  const candidates: number[] = [];
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) {
      candidates.push(Number(retryAfter) * 1000);
    } else {
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) candidates.push(date - now);
    }
  }
  const resets = splitNumbers(headers.get('x-ratelimit-reset'));
  if (resets.length > 0) {
    const remaining = splitNumbers(headers.get('x-ratelimit-remaining'));
    const exhausted =
      remaining.length === resets.length ? resets.filter((_, index) => (remaining[index] ?? 1) <= 0) : [];
    const relevant = exhausted.length > 0 ? exhausted : resets;
    candidates.push(Math.max(...relevant) * 1000 - now);
  }
  if (candidates.length === 0) return undefined;
  return Math.max(0, Math.ceil(Math.max(...candidates)));
}

function splitNumbers(value: string | null): number[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^-?\d+(\.\d+)?$/.test(part))
    .map(Number);
}
