import { assertNewPage, fetchPage, type Page, type PaginateOptions } from './paginate.js';

/** Options of {@link paginateCursor}. */
export interface PaginateCursorOptions<Item> extends PaginateOptions<Item> {
  /** The cursor of the next request from the last item of a page, e.g. `(item) => item.data.id`. */
  cursorOf: (item: Item) => string;
  /** Query parameter carrying the cursor. Default `starting_after`. */
  cursorParameter?: string;
  /** Page size, sent as `limitParameter`. */
  limit?: number;
  /** Default `limit`. */
  limitParameter?: string;
}

/**
 * Cursor paging (`?starting_after=<id of the last item>`): requests pages until one comes back empty. A page
 * shorter than `limit` is not taken as the last one, because servers may cap the page size silently.
 *
 * @example
 * paginateCursor({ client, url: 'users', limit: 1000, items: (body) => body.data, cursorOf: (item) => item.data.id })
 */
export async function* paginateCursor<Item>(
  options: PaginateCursorOptions<Item>,
): AsyncGenerator<Page<Item>> {
  const seen = new Set<string>();
  const cursorParameter = options.cursorParameter ?? 'starting_after';
  const limitParameter = options.limitParameter ?? 'limit';
  let cursor: string | undefined;
  for (;;) {
    const query = {
      ...options.query,
      ...(options.limit === undefined ? {} : { [limitParameter]: options.limit }),
      ...(cursor === undefined ? {} : { [cursorParameter]: cursor }),
    };
    assertNewPage(
      seen,
      options.client.resolveUrl(options.url, query),
      options.client,
      options.maxPages ?? 1_000_000,
    );
    const page = await fetchPage(options, options.url, query);
    if (page.items.length === 0) return;
    yield page;
    cursor = options.cursorOf(page.items[page.items.length - 1]!);
  }
}
