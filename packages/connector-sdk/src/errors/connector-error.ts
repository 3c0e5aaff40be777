const marker = 'aivo.connector.error';
const symbol = Symbol.for(marker);

export interface ConnectorErrorOptions {
  message: string;
  cause?: unknown;
  isRetryable?: boolean;
}

/**
 * Base of every error a connector throws. `code` is stable snake_case; `isRetryable` says whether the same
 * call may succeed later. Use `ConnectorError.isInstance(error)` rather than `instanceof`: it works across
 * package copies.
 */
export class ConnectorError extends Error {
  protected readonly [symbol] = true;
  readonly code: string;
  readonly isRetryable: boolean;
  override readonly cause?: unknown;

  constructor(code: string, { message, cause, isRetryable = false }: ConnectorErrorOptions) {
    super(message);
    this.name = 'ConnectorError';
    this.code = code;
    this.cause = cause;
    this.isRetryable = isRetryable;
  }

  /** True for any `ConnectorError` (or subclass), from any copy of this package. */
  static isInstance(error: unknown): error is ConnectorError {
    return ConnectorError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    return (
      error != null &&
      typeof error === 'object' &&
      (error as Record<symbol, unknown>)[Symbol.for(markerName)] === true
    );
  }
}
