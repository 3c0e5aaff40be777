import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../testing/collect.js';
import { type LoopbackServer, startLoopbackServer } from '../testing/loopback-server.js';
import { createHttpClient } from './http-client.js';
import { paginateCursor } from './paginate-cursor.js';
import { paginateLinks } from './paginate-links.js';
import { paginateOffset } from './paginate-offset.js';

// A small data set served by real node:http servers in the paging styles of Clever and OneRoster.
const people = Array.from({ length: 23 }, (_, index) => ({ id: `id-${String(index).padStart(2, '0')}` }));
const ids = people.map((person) => person.id);

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function send(
  response: import('node:http').ServerResponse,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function flatten(pages: AsyncIterable<{ items: Array<{ id: string }> }>): Promise<string[]> {
  return (await collect(pages)).flatMap((page) => page.items.map((item) => item.id));
}

describe('paginateLinks', () => {
  it('follows relative next links in a JSON links array (Clever v3)', async () => {
    server = await startLoopbackServer((request, response) => {
      const url = new URL(request.url, 'http://localhost');
      const after = url.searchParams.get('starting_after');
      const limit = Number(url.searchParams.get('limit'));
      const start = after ? ids.indexOf(after) + 1 : 0;
      const page = people.slice(start, start + limit);
      const links = [{ rel: 'self', uri: request.url }];
      if (start + limit < people.length) {
        links.push({ rel: 'next', uri: `/v3.0/users?limit=${limit}&starting_after=${page.at(-1)!.id}` });
      }
      send(response, { data: page.map((data) => ({ data })), links });
    });
    const client = createHttpClient({ baseUrl: `${server.url}/v3.0` });
    const pages = paginateLinks({
      client,
      url: 'users',
      query: { limit: 10 },
      items: (body) => (body as { data: Array<{ data: { id: string } }> }).data.map((entry) => entry.data),
    });
    expect(await flatten(pages)).toEqual(ids);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v3.0/users?limit=10',
      '/v3.0/users?limit=10&starting_after=id-09',
      '/v3.0/users?limit=10&starting_after=id-19',
    ]);
  });

  it('follows absolute Link header next links and stops at an empty page', async () => {
    server = await startLoopbackServer((request, response) => {
      const page = Number(new URL(request.url, 'http://localhost').searchParams.get('page') ?? '0');
      const items = people.slice(page * 10, page * 10 + 10);
      // This server always advertises a next page; the empty page ends the read.
      send(
        response,
        { items },
        { link: `<${server!.url}/list?page=${page + 1}>; rel="next", <${server!.url}/list>; rel="first"` },
      );
    });
    const client = createHttpClient();
    const pages = paginateLinks({
      client,
      url: `${server.url}/list`,
      items: (body) => (body as { items: Array<{ id: string }> }).items,
    });
    expect(await flatten(pages)).toEqual(ids);
    expect(server.requests).toHaveLength(4);
  });

  it('throws instead of looping when next points back to a page already read', async () => {
    server = await startLoopbackServer((_request, response) => {
      send(response, { items: people.slice(0, 2), links: [{ rel: 'next', uri: '/same' }] });
    });
    const pages = paginateLinks({
      client: createHttpClient(),
      url: `${server.url}/same`,
      items: (body) => (body as { items: Array<{ id: string }> }).items,
    });
    await expect(collect(pages)).rejects.toMatchObject({ code: 'paging_loop' });
  });

  it('releases the read when the consumer breaks out after the first page', async () => {
    server = await startLoopbackServer((_request, response) => {
      send(response, { items: people.slice(0, 5), links: [{ rel: 'next', uri: `/p?n=${Math.random()}` }] });
    });
    for await (const page of paginateLinks({
      client: createHttpClient(),
      url: `${server.url}/p`,
      items: (body) => (body as { items: Array<{ id: string }> }).items,
    })) {
      expect(page.items).toHaveLength(5);
      break;
    }
    expect(server.requests).toHaveLength(1);
  });
});

describe('paginateCursor', () => {
  it('sends starting_after=<last id> until an empty page, even when the server caps the page size', async () => {
    server = await startLoopbackServer((request, response) => {
      const url = new URL(request.url, 'http://localhost');
      const after = url.searchParams.get('starting_after');
      const start = after ? ids.indexOf(after) + 1 : 0;
      // Asked for 50, sends at most 7.
      send(response, {
        data: people.slice(start, start + Math.min(7, Number(url.searchParams.get('limit')))),
      });
    });
    const pages = paginateCursor({
      client: createHttpClient({ baseUrl: server.url }),
      url: 'users',
      limit: 50,
      items: (body) => (body as { data: Array<{ id: string }> }).data,
      cursorOf: (item) => item.id,
    });
    expect(await flatten(pages)).toEqual(ids);
    expect(server.requests.at(1)?.url).toBe('/users?limit=50&starting_after=id-06');
    expect(server.requests).toHaveLength(5);
  });
});

describe('paginateOffset', () => {
  function offsetServer({ cap, totalCount, link }: { cap?: number; totalCount?: boolean; link?: boolean }) {
    return startLoopbackServer((request, response) => {
      const url = new URL(request.url, 'http://localhost');
      const offset = Number(url.searchParams.get('offset'));
      const limit = Math.min(Number(url.searchParams.get('limit')), cap ?? Number.POSITIVE_INFINITY);
      const headers: Record<string, string> = {};
      if (totalCount) headers['x-total-count'] = String(people.length);
      if (link && offset + limit < people.length) {
        headers.link = `</ims/oneroster/v1p1/users?limit=${limit}&offset=${offset + limit}>; rel="next"`;
      }
      send(response, { users: people.slice(offset, offset + limit) }, headers);
    });
  }
  const items = (body: unknown) => (body as { users: Array<{ id: string }> }).users;

  it('stops at X-Total-Count without an extra request', async () => {
    server = await offsetServer({ totalCount: true });
    const client = createHttpClient({ baseUrl: `${server.url}/ims/oneroster/v1p1/` });
    expect(await flatten(paginateOffset({ client, url: 'users', limit: 10, items }))).toEqual(ids);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/ims/oneroster/v1p1/users?limit=10&offset=0',
      '/ims/oneroster/v1p1/users?limit=10&offset=10',
      '/ims/oneroster/v1p1/users?limit=10&offset=20',
    ]);
  });

  it('follows relative rel="next" Link headers when present', async () => {
    server = await offsetServer({ link: true });
    const client = createHttpClient({ baseUrl: `${server.url}/ims/oneroster/v1p1/` });
    expect(await flatten(paginateOffset({ client, url: 'users', limit: 10, items }))).toEqual(ids);
    expect(server.requests).toHaveLength(3);
  });

  it('reads everything from a server that caps limit silently and sends no total', async () => {
    server = await offsetServer({ cap: 5 });
    const client = createHttpClient({ baseUrl: `${server.url}/ims/oneroster/v1p1/` });
    expect(await flatten(paginateOffset({ client, url: 'users', limit: 100, items }))).toEqual(ids);
    // Offsets advance by what arrived (5 each), and the short page of 3 ends the read.
    expect(
      server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('offset')),
    ).toEqual(['0', '5', '10', '15', '20']);
  });

  it('reads everything from a capping server that does send X-Total-Count', async () => {
    server = await offsetServer({ cap: 4, totalCount: true });
    const client = createHttpClient({ baseUrl: `${server.url}/ims/oneroster/v1p1/` });
    expect(await flatten(paginateOffset({ client, url: 'users', limit: 10, items }))).toEqual(ids);
  });

  it('throws when a page has no item list, rather than reporting a complete read', async () => {
    server = await startLoopbackServer((_request, response) => send(response, { imsx_codeMajor: 'failure' }));
    const client = createHttpClient({ baseUrl: server.url });
    await expect(collect(paginateOffset({ client, url: 'users', items }))).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });
});
