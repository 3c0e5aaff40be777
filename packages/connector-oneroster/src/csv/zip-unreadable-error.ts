import { ConnectorError } from '@aivo/connector-sdk';

/**
 * A `.zip` drop that cannot be read: truncated (an upload cut short), damaged, or not a zip at all. Waiting
 * does not help, so it is not retryable: the district has to export and upload it again.
 */
export function zipUnreadableError(zipLocation: string, cause: unknown): ConnectorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ConnectorError('zip_unreadable', {
    message: `The zip file ${zipLocation} is truncated or corrupt (${reason}); re-export it and upload it again.`,
    cause,
  });
}
