import { ConnectorError } from './connector-error.js';

const marker = 'aivo.connector.error.invalid_config';
const symbol = Symbol.for(marker);

/** Connector settings are missing or wrong. `issues` names each bad field. Thrown by factories. */
export class InvalidConfigError extends ConnectorError {
  protected readonly [symbol] = true;
  readonly issues: Array<{ path: string; message: string }>;

  constructor({
    message,
    issues = [],
    cause,
  }: { message: string; issues?: Array<{ path: string; message: string }>; cause?: unknown }) {
    super('invalid_config', { message, cause, isRetryable: false });
    this.name = 'InvalidConfigError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidConfigError {
    return ConnectorError.hasMarker(error, marker);
  }
}
