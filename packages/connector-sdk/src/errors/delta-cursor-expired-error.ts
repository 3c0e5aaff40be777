import { ConnectorError } from './connector-error.js';

const marker = 'aivo.connector.error.delta_cursor_expired';
const symbol = Symbol.for(marker);

/** A delta read's `since` is older than the source keeps changes for (Clever: 30 days). Run a full sync. */
export class DeltaCursorExpiredError extends ConnectorError {
  protected readonly [symbol] = true;

  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super('delta_cursor_expired', { message, cause, isRetryable: false });
    this.name = 'DeltaCursorExpiredError';
  }

  static override isInstance(error: unknown): error is DeltaCursorExpiredError {
    return ConnectorError.hasMarker(error, marker);
  }
}
