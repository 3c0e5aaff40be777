import { ApiCallError } from '../errors/api-call-error.js';
import type { HttpClient, HttpRequestOptions } from './http-client.js';

/** One page of a paged read. */
export interface Page<Item> {
  items: Item[];
  /** The URL of this page (secrets removed), for `RecordIssue.location.url`. */
  url: string;
  /** The parsed JSON body, for anything beyond the items (totals, metadata). */
  body: unknown;
  headers: Headers;
}

/** Options every paging helper takes. */
export interface PaginateOptions<Item> {
  client: HttpClient;
  /** The first page's URL or path (resolved against the client's `baseUrl`). */
  url: string | URL;
  /** Extracts the items from a page body, e.g. `(body) => body.data` or `(body) => body.users`. */
  items: (body: unknown) => Item[];
  /** Extra query parameters of the first request. */
  query?: HttpRequestOptions['query'];
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Safety stop against a server that pages forever. Default 1,000,000 pages. */
  maxPages?: number;
}

/** Reads one page; shared by the paging helpers. */
export async function fetchPage<Item>(
  options: PaginateOptions<Item>,
  url: string | URL,
  query?: HttpRequestOptions['query'],
): Promise<Page<Item>> {
  const response = await options.client.requestJson(url, {
    ...(query ? { query } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const safeUrl = options.client.redact(response.url || options.client.resolveUrl(url, query).toString());
  const items = options.items(response.body);
  if (!Array.isArray(items)) {
    throw new ApiCallError({
      code: 'invalid_response',
      isRetryable: false,
      message: `The page at ${safeUrl} has no list of items where one was expected`,
      url: safeUrl,
      status: response.status,
    });
  }
  return { items, url: safeUrl, body: response.body, headers: response.headers };
}

/** Throws when a server sends us back to a page we already read (a loop would never end). */
export function assertNewPage(seen: Set<string>, url: URL, client: HttpClient, maxPages: number): void {
  const key = url.toString();
  if (seen.has(key)) {
    throw new ApiCallError({
      code: 'paging_loop',
      isRetryable: false,
      message: `Paging returned to ${client.redact(key)}, which was already read; the read cannot complete`,
      url: client.redact(key),
    });
  }
  if (seen.size >= maxPages) {
    throw new ApiCallError({
      code: 'too_many_pages',
      isRetryable: false,
      message: `Paging stopped after ${maxPages} pages at ${client.redact(key)}`,
      url: client.redact(key),
    });
  }
  seen.add(key);
}
