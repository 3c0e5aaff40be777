import type { RecordIssue } from '../model/record-issue.js';
import { ConnectorError } from './connector-error.js';

const marker = 'aivo.connector.error.invalid_record';
const symbol = Symbol.for(marker);

/**
 * A source record failed validation where skipping it is not an option (e.g. the district record itself).
 * Ordinary bad records are reported through `onIssue` instead.
 */
export class InvalidRecordError extends ConnectorError {
  protected readonly [symbol] = true;
  readonly issue: RecordIssue;

  constructor({ issue, cause }: { issue: RecordIssue; cause?: unknown }) {
    super('invalid_record', { message: issue.message, cause, isRetryable: false });
    this.name = 'InvalidRecordError';
    this.issue = issue;
  }

  static override isInstance(error: unknown): error is InvalidRecordError {
    return ConnectorError.hasMarker(error, marker);
  }
}
