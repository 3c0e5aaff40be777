import { findNextPageUrl } from './link-header.js';
import { assertNewPage, fetchPage, type Page, type PaginateOptions } from './paginate.js';

/**
 * Link-based paging: follows `rel="next"` from the `Link` header or from a JSON `links: [{ rel, uri }]`
 * array (Clever v3), relative or absolute. Stops when there is no next link or a page is empty. Throws (an
 * incomplete read) on errors and when a next link points back to a page already read.
 *
 * @example
 * for await (const page of paginateLinks({ client, url: 'users', query: { limit: 1000 }, items: (body) => body.data, signal })) {
 *   for (const item of page.items) yield map(item);
 * }
 */
export async function* paginateLinks<Item>(options: PaginateOptions<Item>): AsyncGenerator<Page<Item>> {
  const seen = new Set<string>();
  let url: URL | undefined = options.client.resolveUrl(options.url, options.query);
  while (url) {
    assertNewPage(seen, url, options.client, options.maxPages ?? 1_000_000);
    const page: Page<Item> = await fetchPage(options, url);
    if (page.items.length === 0) return;
    yield page;
    url = findNextPageUrl({ headers: page.headers, body: page.body, baseUrl: url });
  }
}
