/** How long Clever keeps events. */
export const cleverEventRetentionMs = 30 * 24 * 60 * 60 * 1000;

const timePrefix = 'time:';

/**
 * Where a delta read starts: after an event id, or at a point in time (events created before it are
 * skipped). A cursor is an event id, or `time:<ISO date>` when the feed was empty when it was taken.
 */
export type CleverDeltaStart = { kind: 'event'; eventId: string } | { kind: 'time'; time: Date };

/** The cursor for "now" when the feed holds no event yet. */
export function cleverTimeCursor(time: Date): string {
  return `${timePrefix}${time.toISOString()}`;
}

/** Reads `ReadOptions.since` (a cursor from `deltaCursor()` or a `Date`). */
export function parseCleverDeltaStart(since: Date | string): CleverDeltaStart {
  if (since instanceof Date) return { kind: 'time', time: since };
  if (since.startsWith(timePrefix)) return { kind: 'time', time: new Date(since.slice(timePrefix.length)) };
  return { kind: 'event', eventId: since };
}
