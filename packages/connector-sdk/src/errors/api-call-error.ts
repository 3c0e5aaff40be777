import { ConnectorError } from './connector-error.js';

const marker = 'aivo.connector.error.api_call';
const symbol = Symbol.for(marker);

/**
 * An HTTP call failed: a non-success status, a body that is not what the API promises (HTML error page,
 * broken JSON), or a network failure (`status` undefined). `url` and `bodyExcerpt` have secrets removed.
 */
export class ApiCallError extends ConnectorError {
  protected readonly [symbol] = true;
  readonly url: string;
  readonly status: number | undefined;
  readonly bodyExcerpt: string | undefined;

  constructor({
    message,
    url,
    status,
    bodyExcerpt,
    cause,
    isRetryable,
    code = status === undefined ? 'network_error' : 'api_call_failed',
  }: {
    message: string;
    url: string;
    status?: number;
    bodyExcerpt?: string;
    cause?: unknown;
    isRetryable?: boolean;
    code?: string;
  }) {
    super(code, {
      message,
      cause,
      isRetryable: isRetryable ?? (status === undefined || status === 408 || status === 429 || status >= 500),
    });
    this.name = 'ApiCallError';
    this.url = url;
    this.status = status;
    this.bodyExcerpt = bodyExcerpt;
  }

  static override isInstance(error: unknown): error is ApiCallError {
    return ConnectorError.hasMarker(error, marker);
  }
}
