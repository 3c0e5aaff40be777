import { ConnectorError } from './connector-error.js';

const marker = 'aivo.connector.error.rate_limit';
const symbol = Symbol.for(marker);

/** The source said "too many requests" (HTTP 429) and retries ran out. `retryAfterMs` says how long to wait. */
export class RateLimitError extends ConnectorError {
  protected readonly [symbol] = true;
  readonly retryAfterMs: number | undefined;
  readonly url: string | undefined;

  constructor({
    message,
    retryAfterMs,
    url,
    cause,
  }: { message: string; retryAfterMs?: number; url?: string; cause?: unknown }) {
    super('rate_limited', { message, cause, isRetryable: true });
    this.name = 'RateLimitError';
    this.retryAfterMs = retryAfterMs;
    this.url = url;
  }

  static override isInstance(error: unknown): error is RateLimitError {
    return ConnectorError.hasMarker(error, marker);
  }
}
