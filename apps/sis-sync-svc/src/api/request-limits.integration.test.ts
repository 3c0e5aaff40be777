import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../test-support/start-test-service.js';

// Source URL policy (https only, loopback http in development, SIS_ALLOW_INSECURE_HOSTS) and request size
// limits, on a development service and a production service sharing its database.
let development: TestService;
let production: TestService;
const tenantId = 'district-limits';

beforeAll(async () => {
  development = await startTestService({ work: false });
  production = await startTestService({
    work: false,
    databaseUrl: development.database.url,
    environment: { NODE_ENV: 'production', SIS_ALLOW_INSECURE_HOSTS: 'sis.district.internal' },
  });
});
afterAll(async () => {
  await production?.close();
  await development?.close();
});

/** The fields of the API's answers these tests read: a provider or an error. */
interface Answer {
  id: string;
  config: Record<string, unknown>;
  error: { code: string; message: string; details: { issues: Array<{ path: string }> } };
}

async function send(service: TestService, path: string, method: string, body: unknown) {
  const token = await service.token({ role: 'PLATFORM_ADMIN' });
  const response = await service.request(path, { method, token, body });
  return { status: response.status, body: (await response.json()) as Answer };
}

const oneRosterApi = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
  tenantId,
  providerType: 'ONEROSTER_API',
  name: `OneRoster at ${baseUrl}`,
  config: { baseUrl, clientId: 'c', clientSecret: 's', ...extra },
});

const issuePaths = (body: Answer) => body.error.details.issues.map((issue) => issue.path);

async function providerCount(): Promise<number> {
  return development.prisma.sisProvider.count({ where: { tenantId } });
}

describe('source URL policy', () => {
  it('production refuses plain http to any host not allow-listed, loopback included, with the field path', async () => {
    const before = await providerCount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [oneRosterApi('http://sis.example.com/ims/oneroster/v1p1'), 'config.baseUrl'],
      [oneRosterApi('http://127.0.0.1:9/ims'), 'config.baseUrl'],
      [
        oneRosterApi('https://sis.example.com/ims', {
          auth: 'oauth2',
          tokenUrl: 'http://sis.example.com/token',
        }),
        'config.tokenUrl',
      ],
      [
        {
          tenantId,
          providerType: 'CLEVER',
          name: 'Clever override',
          config: {
            clientId: 'c',
            clientSecret: 's',
            districtId: 'd',
            oauthBaseUrl: 'http://clever.example',
          },
        },
        'config.oauthBaseUrl',
      ],
      [
        {
          tenantId,
          providerType: 'CLASSLINK',
          name: 'ClassLink discovery',
          config: { tenantId: '1234', discovery: { apiKey: 'k', proxyUrl: 'http://proxy.example' } },
        },
        'config.discovery.proxyUrl',
      ],
    ];
    for (const [body, path] of cases) {
      const answer = await send(production, '/api/v1/providers', 'POST', body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(issuePaths(answer.body)).toEqual([path]);
    }
    expect(await providerCount()).toBe(before);
  });

  it('production accepts https, and http to an allow-listed host', async () => {
    expect(
      (await send(production, '/api/v1/providers', 'POST', oneRosterApi('https://sis.example.com/ims')))
        .status,
    ).toBe(201);
    expect(
      (
        await send(
          production,
          '/api/v1/providers',
          'POST',
          oneRosterApi('http://SIS.district.internal:8080/ims'),
        )
      ).status,
    ).toBe(201);
  });

  it('PATCH is held to the same rule and keeps the stored config when refused', async () => {
    const created = await send(
      production,
      '/api/v1/providers',
      'POST',
      oneRosterApi('https://patch.example.com/ims'),
    );
    expect(created.status).toBe(201);
    const path = `/api/v1/providers/${created.body.id}`;
    const refused = await send(production, path, 'PATCH', {
      config: { baseUrl: 'http://patch.example.com/ims', clientId: 'c' },
    });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused.body)).toEqual(['config.baseUrl']);
    const stored = await send(production, path, 'GET', undefined);
    expect(stored.body.config.baseUrl).toBe('https://patch.example.com/ims');
  });

  it('the test of an unsaved config is held to the same rule, before any connection is tried', async () => {
    const refused = await send(production, '/api/v1/providers/test', 'POST', {
      tenantId,
      providerType: 'ONEROSTER_API',
      config: { baseUrl: 'http://sis.example.com/ims', clientId: 'c', clientSecret: 's' },
    });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused.body)).toEqual(['config.baseUrl']);
  });

  it('development accepts loopback http (the simulator and the demo) but no other plain-http host', async () => {
    expect(
      (await send(development, '/api/v1/providers', 'POST', oneRosterApi('http://127.0.0.1:9/ims'))).status,
    ).toBe(201);
    expect(
      (await send(development, '/api/v1/providers', 'POST', oneRosterApi('http://localhost:9/ims'))).status,
    ).toBe(201);
    const remote = await send(development, '/api/v1/providers', 'POST', oneRosterApi('http://10.1.2.3/ims'));
    expect(remote.status).toBe(400);
    expect(issuePaths(remote.body)).toEqual(['config.baseUrl']);
  });
});

describe('request limits', () => {
  it('a body over 1 MB is 413 in the API error shape, with or without a content-length', async () => {
    const before = await providerCount();
    const body = JSON.stringify({
      tenantId,
      providerType: 'CLEVER',
      name: 'Huge',
      config: { clientId: 'c', clientSecret: 'x'.repeat(2 * 1024 * 1024), districtId: 'd' },
    });
    const token = await production.token({ role: 'PLATFORM_ADMIN' });
    const lengthHeaders: Array<Record<string, string>> = [
      {},
      { 'content-length': String(Buffer.byteLength(body)) },
    ];
    for (const headers of lengthHeaders) {
      const response = await production.app.request('/api/v1/providers', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(413);
      const answer = (await response.json()) as Answer;
      expect(answer.error.code).toBe('payload_too_large');
      expect(answer.error.message).toContain('1 MB');
    }
    expect(await providerCount()).toBe(before);
  });

  it('over-long config strings are 400 naming the field, on create and on PATCH', async () => {
    const before = await providerCount();
    const long = await send(production, '/api/v1/providers', 'POST', {
      tenantId,
      providerType: 'CLEVER',
      name: 'Long id',
      config: { clientId: 'y'.repeat(50_000), clientSecret: 's', districtId: 'd' },
    });
    expect(long.status).toBe(400);
    expect(issuePaths(long.body)).toEqual(['config.clientId']);
    expect(JSON.stringify(long.body)).not.toContain('yyyy');
    expect(await providerCount()).toBe(before);

    const created = await send(
      production,
      '/api/v1/providers',
      'POST',
      oneRosterApi('https://long.example.com/ims'),
    );
    const patched = await send(production, `/api/v1/providers/${created.body.id}`, 'PATCH', {
      config: { baseUrl: 'https://long.example.com/ims', clientId: 'c', clientSecret: 's'.repeat(20_000) },
    });
    expect(patched.status).toBe(400);
    expect(issuePaths(patched.body)).toEqual(['config.clientSecret']);
  });
});
