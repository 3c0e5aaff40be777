import { findNextPageUrl } from './link-header.js';
import { assertNewPage, fetchPage, type Page, type PaginateOptions } from './paginate.js';

/** Options of {@link paginateOffset}. */
export interface PaginateOffsetOptions<Item> extends PaginateOptions<Item> {
  /** Page size asked for. Default 100 (the OneRoster default). */
  limit?: number;
  /** Default `offset`. */
  offsetParameter?: string;
  /** Default `limit`. */
  limitParameter?: string;
}

/**
 * Offset/limit paging (OneRoster REST). The end is found, in order of trust:
 * 1. a `Link: <…>; rel="next"` header: followed while present, the read ends without one;
 * 2. `X-Total-Count`: the read ends once `offset` reaches it;
 * 3. an empty page, or a page shorter than the largest page seen so far.
 *
 * The offset advances by the number of items actually received, so a server that silently caps `limit`
 * (asked 1000, sent 100) is read completely.
 */
export async function* paginateOffset<Item>(
  options: PaginateOffsetOptions<Item>,
): AsyncGenerator<Page<Item>> {
  const seen = new Set<string>();
  const maxPages = options.maxPages ?? 1_000_000;
  const limit = options.limit ?? 100;
  const offsetParameter = options.offsetParameter ?? 'offset';
  const limitParameter = options.limitParameter ?? 'limit';
  let offset = 0;
  let largestPage = 0;
  let nextUrl: URL | undefined = options.client.resolveUrl(options.url, {
    ...options.query,
    [limitParameter]: limit,
    [offsetParameter]: offset,
  });
  while (nextUrl) {
    assertNewPage(seen, nextUrl, options.client, maxPages);
    const page: Page<Item> = await fetchPage(options, nextUrl);
    if (page.items.length === 0) return;
    yield page;
    offset += page.items.length;
    largestPage = Math.max(largestPage, page.items.length);

    const linkNext = findNextPageUrl({ headers: page.headers, baseUrl: nextUrl });
    if (page.headers.has('link')) {
      nextUrl = linkNext;
      continue;
    }
    const totalHeader = page.headers.get('x-total-count');
    const total = totalHeader !== null && /^\d+$/.test(totalHeader.trim()) ? Number(totalHeader) : undefined;
    if (total !== undefined ? offset >= total : page.items.length < largestPage) return;
    nextUrl = options.client.resolveUrl(options.url, {
      ...options.query,
      [limitParameter]: limit,
      [offsetParameter]: offset,
    });
  }
}
