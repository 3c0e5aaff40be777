import {
  type HttpClient,
  paginateOffset,
  parseRosterRecord,
  type RecordIssue,
  type RosterEntity,
  type RosterRecordByEntity,
} from '@aivo/connector-sdk';
import { oneRosterDeltaFilter } from './oneroster-delta-filter.js';
import type { OneRosterEntityEndpoint } from './oneroster-entity-endpoints.js';
import { extractOneRosterItems } from './oneroster-envelope.js';

/** Input of {@link readOneRosterCollection}. */
export interface ReadOneRosterCollectionInput<Entity extends RosterEntity> {
  client: HttpClient;
  entity: Entity;
  endpoint: OneRosterEntityEndpoint;
  pageSize: number;
  /** Delta read: adds `filter=dateLastModified>'…'`. */
  since?: Date | string;
  signal?: AbortSignal;
  onIssue?: (issue: RecordIssue) => void;
}

/**
 * Reads one OneRoster collection page by page (the SDK's offset paging: `Link rel="next"`, else
 * `X-Total-Count`, else a short page) and yields normalized records. A record that does not validate is
 * reported through `onIssue` with its page URL and skipped; a failed page throws, so an incomplete read never
 * looks complete.
 */
export async function* readOneRosterCollection<Entity extends RosterEntity>(
  input: ReadOneRosterCollectionInput<Entity>,
): AsyncGenerator<RosterRecordByEntity[Entity]> {
  const { client, entity, endpoint, signal, onIssue } = input;
  const pages = paginateOffset<unknown>({
    client,
    url: endpoint.path,
    limit: input.pageSize,
    items: (body) => extractOneRosterItems(body, endpoint.envelopeKeys, endpoint.path),
    ...(input.since === undefined ? {} : { query: { filter: oneRosterDeltaFilter(input.since) } }),
    ...(signal ? { signal } : {}),
  });
  for await (const page of pages) {
    for (const item of page.items) {
      signal?.throwIfAborted();
      const vendor = endpoint.schema.safeParse(item);
      if (!vendor.success) {
        const sourcedId = sourcedIdOf(item);
        onIssue?.({
          entity,
          severity: 'error',
          code: 'invalid_record',
          message: `Invalid ${entity} record${sourcedId ? ` ${sourcedId}` : ''} from ${page.url}: ${vendor.error.issues
            .map((issue) => `${issue.path.join('.') || '(record)'} ${issue.message}`)
            .join('; ')}`,
          ...(sourcedId ? { sourcedId } : {}),
          location: { url: page.url },
        });
        continue;
      }
      const parsed = parseRosterRecord(
        entity,
        { ...endpoint.map(vendor.data as never), raw: item as Record<string, unknown> },
        { url: page.url },
      );
      if (parsed.success) yield parsed.record;
      else onIssue?.(parsed.issue);
    }
  }
}

function sourcedIdOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const sourcedId = (item as { sourcedId?: unknown }).sourcedId;
  return typeof sourcedId === 'string' && sourcedId.trim() ? sourcedId.trim() : undefined;
}
