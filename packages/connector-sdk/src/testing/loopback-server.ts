import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running loopback HTTP server. */
export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  /** Every request received, in order (method, URL path with query, headers, body). */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

/**
 * A handler of {@link startLoopbackServer}. It gets the request with its body already read as `body`
 * (`url` is the path with the query).
 */
export type LoopbackHandler = (
  request: IncomingMessage & { body: string; url: string; method: string },
  response: ServerResponse,
) => void | Promise<void>;

/**
 * Starts a real HTTP server on 127.0.0.1 with a free port, for tests that speak HTTP to a fake vendor at the
 * wire. A handler that throws answers 500 with the error message.
 *
 * @example
 * const server = await startLoopbackServer((request, response) => {
 *   response.setHeader('content-type', 'application/json');
 *   response.end(JSON.stringify({ data: [] }));
 * });
 * try { … fetch(`${server.url}/users`) … } finally { await server.close(); }
 */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: LoopbackServer['requests'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body,
      });
      Promise.resolve()
        .then(() =>
          handler(
            Object.assign(request, { body, url: request.url ?? '/', method: request.method ?? 'GET' }),
            response,
          ),
        )
        .catch((error: unknown) => {
          if (!response.headersSent) response.statusCode = 500;
          response.end(error instanceof Error ? error.message : String(error));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
