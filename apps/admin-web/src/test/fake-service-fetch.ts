import type { Provider } from '../api/api-types';

/** One request the fake service received, with its parsed JSON body. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

/**
 * A `fetch` that answers like sis-sync-svc's provider endpoints, in memory, for component tests.
 * It speaks the wire format (status codes, JSON bodies, `{ error }` answers); the browser tests use the
 * real service.
 */
export function createFakeServiceFetch(options: { testMessage?: string; testSuccess?: boolean } = {}) {
  const providers = new Map<string, Provider>();
  const requests: RecordedRequest[] = [];
  let nextId = 1;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const view = (config: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(config).map(([key, value]) => [
        key,
        /secret|token|password/i.test(key)
          ? { set: true }
          : value && typeof value === 'object'
            ? view(value as Record<string, unknown>)
            : value,
      ]),
    );

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://service.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = new Headers(init?.headers);
    requests.push({
      method,
      path: url.pathname + url.search,
      body,
      authorization: headers.get('authorization'),
    });
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const tenantMatch = path.match(/^\/tenants\/([^/]+)\/providers$/);
    if (method === 'GET' && tenantMatch) {
      return json(200, {
        providers: [...providers.values()].filter((provider) => provider.tenantId === tenantMatch[1]),
      });
    }
    if (method === 'GET' && path === '/schedule-presets') return json(200, { presets: [] });
    if (method === 'POST' && path === '/providers') {
      const id = `provider-${nextId++}`;
      const provider: Provider = {
        id,
        tenantId: body.tenantId,
        providerType: body.providerType,
        name: body.name,
        config: view(body.config) as Provider['config'],
        enabled: true,
        syncSchedule: body.syncSchedule ?? null,
        syncTimezone: body.syncTimezone ?? 'UTC',
        nextSyncAt: null,
        createdAt: new Date(0).toISOString(),
        updatedAt: new Date(0).toISOString(),
        lastSyncAt: null,
      };
      providers.set(id, provider);
      return json(201, provider);
    }
    const match = path.match(/^\/providers\/([^/]+)(\/.*)?$/);
    if (match) {
      const provider = providers.get(match[1]!);
      if (!provider) return json(404, { error: { code: 'not_found', message: 'Provider not found' } });
      const rest = match[2] ?? '';
      if (method === 'GET' && rest === '') return json(200, provider);
      if (method === 'PATCH' && rest === '') {
        const updated: Provider = {
          ...provider,
          ...body,
          config: body.config
            ? ({ ...provider.config, ...view(body.config) } as Provider['config'])
            : provider.config,
        };
        providers.set(provider.id, updated);
        return json(200, updated);
      }
      if (method === 'DELETE' && rest === '') {
        providers.delete(provider.id);
        return new Response(null, { status: 204 });
      }
      if (method === 'POST' && rest === '/test') {
        return json(200, {
          success: options.testSuccess ?? true,
          message: options.testMessage ?? 'Connected to the SFTP server and found the OneRoster files',
        });
      }
      if (method === 'GET' && rest === '/sync/status') {
        return json(200, { isRunning: false, lastSync: null, lastStatus: null });
      }
    }
    return json(404, { error: { code: 'not_found', message: `No route ${method} ${path}` } });
  };

  return { fetch, providers, requests };
}
