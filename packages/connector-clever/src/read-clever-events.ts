import { ApiCallError, DeltaCursorExpiredError, type HttpClient, paginateLinks } from '@aivo/connector-sdk';
import { type CleverEvent, cleverEventSchema } from './clever-api-schemas.js';
import { type CleverDeltaStart, cleverEventRetentionMs } from './clever-delta-cursor.js';

/** Clever's event record types (the part of `type` before the dot). */
export type CleverRecordType = 'districts' | 'schools' | 'terms' | 'courses' | 'sections' | 'users';

export interface ReadCleverEventsOptions {
  client: HttpClient;
  recordTypes: CleverRecordType[];
  start: CleverDeltaStart;
  pageSize: number;
  /** Milliseconds since the epoch, for the 30-day retention check. */
  now: number;
  signal?: AbortSignal;
  /** Receives events that do not have the shape Clever documents. */
  onInvalidEvent?: (event: unknown, url: string) => void;
}

function expired(message: string, cause?: unknown): DeltaCursorExpiredError {
  return new DeltaCursorExpiredError({
    message: `${message} Clever keeps events for 30 days; run a full sync, then resume deltas from a new cursor.`,
    cause,
  });
}

/**
 * Reads Clever's Events API oldest to newest from `start`, keeping the events of `recordTypes`. A start older
 * than the feed keeps (30 days), or an event id the feed no longer has, throws `DeltaCursorExpiredError` so the
 * caller falls back to a full sync. Like every read, it throws when a page cannot be read.
 */
export async function* readCleverEvents(
  options: ReadCleverEventsOptions,
): AsyncGenerator<{ event: CleverEvent; url: string }> {
  const { client, start, signal } = options;
  const query = new URLSearchParams({ limit: String(options.pageSize) });
  for (const recordType of options.recordTypes) query.append('record_type', recordType);
  if (start.kind === 'time') {
    if (Number.isNaN(start.time.getTime())) throw expired('The delta start time is not a valid date.');
    if (options.now - start.time.getTime() > cleverEventRetentionMs) {
      throw expired(`Changes since ${start.time.toISOString()} are older than the Events API keeps.`);
    }
  } else {
    // The feed drops events after 30 days: an id it no longer knows means changes may have been lost.
    try {
      await client.requestJson(`events/${encodeURIComponent(start.eventId)}`, signal ? { signal } : {});
    } catch (error) {
      if (ApiCallError.isInstance(error) && (error.status === 404 || error.status === 400)) {
        throw expired(`The delta cursor ${start.eventId} is no longer in Clever’s event feed.`, error);
      }
      throw error;
    }
    query.set('starting_after', start.eventId);
  }
  const wanted = new Set<string>(options.recordTypes);
  const startTime = start.kind === 'time' ? start.time.getTime() : undefined;
  for await (const page of paginateLinks({
    client,
    url: `events?${query.toString()}`,
    items: (body) => (body as { data?: unknown }).data as Array<{ data?: unknown }>,
    ...(signal ? { signal } : {}),
  })) {
    for (const item of page.items) {
      const parsed = cleverEventSchema.safeParse(item?.data);
      if (!parsed.success) {
        options.onInvalidEvent?.(item?.data, page.url);
        continue;
      }
      const event = parsed.data;
      if (!wanted.has(event.type.split('.')[0] ?? '')) continue;
      if (startTime !== undefined && event.created && Date.parse(event.created) < startTime) continue;
      yield { event, url: page.url };
    }
  }
}
