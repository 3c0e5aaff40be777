import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const distDirectory = fileURLToPath(new URL('../../dist/', import.meta.url));
const basePath = '/integrations/sis';
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Where the browser opens the page, and how it is being served. */
export interface PageLocation {
  /** e.g. `http://127.0.0.1:41234/integrations/sis/` */
  pageUrl: string;
  servedBy: 'service' | 'harness';
  close(): Promise<void>;
}

/** True when the service itself serves the built page at /integrations/sis (with the SPA fallback). */
export async function serviceServesPage(serviceUrl: string): Promise<boolean> {
  const response = await fetch(`${serviceUrl}${basePath}/providers/any-id`).catch(() => null);
  if (!response?.ok) return false;
  return (await response.text()).includes('<div id="root">');
}

/**
 * The page's address. When sis-sync-svc serves the page itself, that address. Until it does, the harness
 * serves `dist/` the same way (assets under /integrations/sis/assets, every other path below the base
 * answered with index.html) and forwards `/api/*` to the service, so the page still talks to the real API
 * on one origin. `servedBy` tells which, and the test run prints it.
 */
export async function locatePage(serviceUrl: string): Promise<PageLocation> {
  if (await serviceServesPage(serviceUrl)) {
    return { pageUrl: `${serviceUrl}${basePath}/`, servedBy: 'service', close: async () => {} };
  }
  if (!existsSync(join(distDirectory, 'index.html'))) {
    throw new Error('apps/admin-web/dist is missing: run "pnpm --filter @aivo/admin-web build" first.');
  }
  const target = new URL(serviceUrl);
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://page.local');
    if (url.pathname.startsWith('/api/')) {
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: `${url.pathname}${url.search}`,
          headers: request.headers,
        },
        (upstream) => {
          response.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(response);
        },
      );
      forward.on('error', () => response.writeHead(502).end());
      request.pipe(forward);
      return;
    }
    if (!url.pathname.startsWith(basePath)) {
      response.writeHead(404).end();
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname.slice(basePath.length))).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(distDirectory, relative);
    const isFile = await stat(file).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!isFile) {
      if (relative.startsWith('/assets/')) {
        response.writeHead(404).end();
        return;
      }
      file = join(distDirectory, 'index.html');
    }
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}${basePath}/`,
    servedBy: 'harness',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
