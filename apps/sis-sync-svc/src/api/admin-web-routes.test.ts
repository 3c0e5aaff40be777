import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminWebRoutes } from './admin-web-routes.js';

describe('createAdminWebRoutes', () => {
  let distPath: string;

  beforeAll(async () => {
    distPath = await mkdtemp(join(tmpdir(), 'admin-web-dist-'));
    await mkdir(join(distPath, 'assets'));
    await writeFile(join(distPath, 'index.html'), '<!doctype html><title>SIS</title>');
    await writeFile(join(distPath, 'assets', 'index-abc123.js'), 'console.log(1)');
  });

  afterAll(async () => {
    await rm(distPath, { recursive: true, force: true });
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const response = await createAdminWebRoutes(distPath).request('/integrations/sis/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('answers the page and any client-side route with index.html, uncached', async () => {
    const app = createAdminWebRoutes(distPath);
    for (const path of [
      '/integrations/sis',
      '/integrations/sis/',
      '/integrations/sis/providers/p1/runs/r1',
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('<title>SIS</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('does not serve files outside the build folder', async () => {
    const response = await createAdminWebRoutes(distPath).request('/integrations/sis/..%2f..%2fetc%2fpasswd');
    expect(await response.text()).not.toContain('root:');
  });

  it('says how to build the page when it is missing', async () => {
    const response = await createAdminWebRoutes(join(distPath, 'missing')).request('/integrations/sis/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm build');
  });
});
