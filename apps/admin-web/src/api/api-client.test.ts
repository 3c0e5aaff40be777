import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError, describeError } from './api-error';

function clientAnswering(response: Response | Error, onUnauthorized = () => {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    if (response instanceof Error) throw response;
    return response;
  }) as typeof globalThis.fetch;
  return {
    client: createApiClient({ baseUrl: '/api/v1/', getToken: () => 'token-1', fetch, onUnauthorized }),
    calls,
  };
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createApiClient', () => {
  it('sends the bearer token and JSON body to the API path', async () => {
    const { client, calls } = clientAnswering(jsonResponse(202, { id: 'run-1', status: 'PENDING' }));
    await expect(client.startSync('p 1', { dryRun: true })).resolves.toMatchObject({ id: 'run-1' });
    expect(calls[0]!.url).toBe('/api/v1/providers/p%201/sync');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(new Headers(calls[0]!.init?.headers).get('authorization')).toBe('Bearer token-1');
    expect(calls[0]!.init?.body).toBe('{"dryRun":true}');
  });

  it("turns the service's error answer into an ApiError with every field problem in words", async () => {
    const { client } = clientAnswering(
      jsonResponse(400, {
        error: {
          code: 'validation_failed',
          message: 'Invalid request: config.sftp.host: must not be empty',
          details: {
            issues: [
              { path: 'config.sftp.host', message: 'must not be empty' },
              { path: 'config.remotePath', message: 'must not be empty' },
            ],
          },
        },
      }),
    );
    const body = {
      tenantId: 't',
      providerType: 'ONEROSTER_CSV',
      name: 'n',
      config: { localPath: '/x' },
    } as const;
    const error = await client.createProvider(body).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(describeError(error)).toBe(
      'The service refused the request. Please fix: config.sftp.host: must not be empty; config.remotePath: must not be empty.',
    );
  });

  it('keeps a single-problem message as the service wrote it', () => {
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid request: syncSchedule: "0 25 * * *" is not a valid cron expression',
      details: { issues: [{ path: 'syncSchedule', message: '"0 25 * * *" is not a valid cron expression' }] },
    });
    expect(describeError(error)).toBe(
      'Invalid request: syncSchedule: "0 25 * * *" is not a valid cron expression',
    );
  });

  it('reports 401 so the page can ask for a new token', async () => {
    const onUnauthorized = vi.fn();
    const { client } = clientAnswering(
      jsonResponse(401, { error: { code: 'unauthorized', message: 'Missing token' } }),
      onUnauthorized,
    );
    const error = await client.listProviders('t').catch((caught) => caught);
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(describeError(error)).toMatch(/Sign in again/);
  });

  it('explains an unreachable service and a non-JSON failure', async () => {
    const unreachable = clientAnswering(new TypeError('fetch failed'));
    expect(describeError(await unreachable.client.getProvider('p').catch((caught) => caught))).toMatch(
      /could not be reached \(fetch failed\)/,
    );
    const proxy = clientAnswering(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = await proxy.client.getProvider('p').catch((caught) => caught);
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' });
  });

  it('reads paged lists with their total', async () => {
    const { client, calls } = clientAnswering(
      jsonResponse(200, { runs: [{ id: 'r1' }], total: 41, limit: 20, offset: 20 }),
    );
    await expect(client.listRuns('p', { limit: 20, offset: 20 })).resolves.toEqual({
      items: [{ id: 'r1' }],
      total: 41,
      limit: 20,
      offset: 20,
    });
    expect(calls[0]!.url).toBe('/api/v1/providers/p/runs?limit=20&offset=20');
  });
});
