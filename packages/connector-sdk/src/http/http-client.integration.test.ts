import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../testing/collect.js';
import { type LoopbackServer, startLoopbackServer } from '../testing/loopback-server.js';
import { oauth1Auth } from './http-auth.js';
import { createHttpClient } from './http-client.js';
import { verifyOAuth1Request } from './oauth1-signature.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createHttpClient over real sockets', () => {
  it('times out a request that gets no answer, retries, and reports a timeout error', async () => {
    server = await startLoopbackServer(() => {
      // Never answers.
    });
    const client = createHttpClient({ timeoutMs: 100, retry: { maxRetries: 1, initialDelayMs: 1 } });
    const error = await client.requestJson(`${server.url}/slow`).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'timeout', isRetryable: true });
    expect((error as Error).message).toContain('after 2 attempts');
  });

  it('rejects with the abort reason when the caller aborts a request in flight', async () => {
    server = await startLoopbackServer(() => {
      // Never answers.
    });
    const client = createHttpClient();
    const controller = new AbortController();
    const request = client.requestJson(`${server.url}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = await startLoopbackServer(() => {});
    const url = closed.url;
    await closed.close();
    const client = createHttpClient({ retry: false });
    await expect(client.requestJson(`${url}/x`)).rejects.toMatchObject({
      code: 'network_error',
      isRetryable: true,
      status: undefined,
    });
  });

  it('signs each attempt with OAuth 1.0a that a verifying server accepts', async () => {
    const verdicts: boolean[] = [];
    server = await startLoopbackServer((request, response) => {
      const verdict = verifyOAuth1Request({
        method: request.method ?? 'GET',
        url: new URL(request.url ?? '/', server!.url),
        authorization: request.headers.authorization,
        consumerSecret: 'demo-secret',
      });
      verdicts.push(verdict.valid);
      // The first attempt fails with 503 so the retry must be signed again (fresh nonce).
      response.writeHead(verdicts.length === 1 ? 503 : verdict.valid ? 200 : 401, {
        'content-type': 'application/json',
      });
      response.end('{"users":[]}');
    });
    const client = createHttpClient({
      baseUrl: `${server.url}/ims/oneroster/v1p1`,
      auth: oauth1Auth({ consumerKey: 'demo-key', consumerSecret: 'demo-secret', separator: ',' }),
      retry: { initialDelayMs: 1 },
    });
    await client.requestJson('users', {
      query: { filter: "status='active' AND role='student'", limit: 100 },
    });
    expect(verdicts).toEqual([true, true]);
    const nonces = server.requests.map(
      (request) => /oauth_nonce="([^"]+)"/.exec(request.headers.authorization ?? '')?.[1],
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('streams a body with request() and the caller can stop reading', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end('sourcedId,name\n1,A\n2,B\n');
    });
    const response = await createHttpClient().request(`${server.url}/file.csv`);
    const chunks = await collect(response.body as unknown as AsyncIterable<Uint8Array>);
    expect(Buffer.concat(chunks).toString()).toBe('sourcedId,name\n1,A\n2,B\n');
  });
});
