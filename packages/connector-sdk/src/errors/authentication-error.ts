import { ConnectorError } from './connector-error.js';

const marker = 'aivo.connector.error.authentication';
const symbol = Symbol.for(marker);

/**
 * The source refused our credentials (HTTP 401/403, SSH auth failure, revoked or expired token).
 * `code` is `authentication_failed`, or a more precise one such as `token_expired` or `forbidden`.
 */
export class AuthenticationError extends ConnectorError {
  protected readonly [symbol] = true;

  constructor({
    message,
    cause,
    code = 'authentication_failed',
  }: { message: string; cause?: unknown; code?: string }) {
    super(code, { message, cause, isRetryable: false });
    this.name = 'AuthenticationError';
  }

  static override isInstance(error: unknown): error is AuthenticationError {
    return ConnectorError.hasMarker(error, marker);
  }
}
