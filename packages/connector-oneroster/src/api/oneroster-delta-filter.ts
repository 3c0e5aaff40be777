import { ConnectorError } from '@aivo/connector-sdk';

/**
 * The OneRoster filter of a delta read: `dateLastModified>'2024-08-01T00:00:00.000Z'`. `since` is a `Date`
 * or a date-time string; anything else fails with code `invalid_since`.
 */
export function oneRosterDeltaFilter(since: Date | string): string {
  const date = since instanceof Date ? since : new Date(since);
  if (Number.isNaN(date.getTime())) {
    throw new ConnectorError('invalid_since', {
      message: `The delta point ${JSON.stringify(String(since))} is not a date-time: pass a Date or an ISO 8601 string.`,
    });
  }
  return `dateLastModified>'${date.toISOString()}'`;
}
