/** One entry of an RFC 8288 `Link` header. */
export interface WebLink {
  uri: string;
  rel: string[];
  parameters: Record<string, string>;
}

/**
 * Parses an RFC 8288 `Link` header, e.g. `<https://api.example/users?offset=100>; rel="next", <…>; rel="last"`.
 * Relation types are lower-cased; a `rel` may list several (`rel="next last"`). Malformed entries are skipped.
 */
export function parseLinkHeader(header: string | null | undefined): WebLink[] {
  if (!header) return [];
  const links: WebLink[] = [];
  const entryPattern = /<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
  for (const entry of header.matchAll(entryPattern)) {
    const parameters: Record<string, string> = {};
    for (const parameter of entry[2]!.matchAll(/;\s*([^;,=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,]*)))?/g)) {
      parameters[parameter[1]!.toLowerCase()] = (parameter[2] ?? parameter[3] ?? '').trim();
    }
    links.push({
      uri: entry[1]!.trim(),
      rel: (parameters.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean),
      parameters,
    });
  }
  return links;
}

/**
 * The `next` page URI, from a `Link` header or from a JSON body's `links: [{ rel, uri }]` array (Clever),
 * resolved against `baseUrl` (relative or absolute URIs both work). `undefined` when there is no next page.
 */
export function findNextPageUrl({
  headers,
  body,
  baseUrl,
}: {
  headers?: Headers;
  body?: unknown;
  baseUrl: string | URL;
}): URL | undefined {
  const fromHeader = parseLinkHeader(headers?.get('link')).find((link) => link.rel.includes('next'))?.uri;
  const fromBody = findNextInBody(body);
  const next = fromHeader ?? fromBody;
  return next ? new URL(next, baseUrl) : undefined;
}

function findNextInBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const links = (body as { links?: unknown }).links;
  if (!Array.isArray(links)) return undefined;
  for (const link of links) {
    if (!link || typeof link !== 'object') continue;
    const { rel, uri, href } = link as { rel?: unknown; uri?: unknown; href?: unknown };
    const target = typeof uri === 'string' ? uri : typeof href === 'string' ? href : undefined;
    if (typeof rel === 'string' && rel.toLowerCase() === 'next' && target) return target;
  }
  return undefined;
}
