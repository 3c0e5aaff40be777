import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseFingerprint, fingerprintDatabase } from '../support/database-fingerprint.js';
import { expectClientError } from '../support/expect-client-error.js';
import { type ReliabilityService, startReliabilityService } from '../support/reliability-service.js';

// Bad input at every endpoint: a 4xx with field paths, never a 500, and the database unchanged.
const fuzzSeed = 20_261_126;
const numRuns = 60;
const tenantId = 'district-fuzz';

const validBodies: Record<string, Record<string, unknown>> = {
  CLEVER: {
    tenantId,
    providerType: 'CLEVER',
    name: 'Clever',
    config: { clientId: 'client', clientSecret: 'clever-secret-value', districtId: 'd1' },
    syncSchedule: 'daily',
  },
  CLASSLINK: {
    tenantId,
    providerType: 'CLASSLINK',
    name: 'ClassLink',
    config: { clientId: 'client', clientSecret: 'classlink-secret-value', tenantId: 't1' },
  },
  ONEROSTER_API: {
    tenantId,
    providerType: 'ONEROSTER_API',
    name: 'OneRoster API',
    config: { baseUrl: 'https://sis.example.com/ims/oneroster/v1p1', clientId: 'c', clientSecret: 's3cret' },
  },
  ONEROSTER_CSV: {
    tenantId,
    providerType: 'ONEROSTER_CSV',
    name: 'OneRoster CSV',
    config: { sftp: { host: 'sftp.example.com', username: 'u', password: 'pw-secret' }, remotePath: '/x' },
  },
};

/** A value of the wrong type for every field of the API (no field takes a number, an array or an odd object). */
const wrongTypeValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.constant({ unexpected: { nested: true } }),
);
const knownTopLevelFields = [
  'tenantId',
  'providerType',
  'name',
  'config',
  'syncSchedule',
  'syncTimezone',
  'enabled',
];
const extraFieldName = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter((name) => !knownTopLevelFields.includes(name) && name !== '__proto__');
const invalidCron = fc.oneof(
  fc.constantFrom(
    '* * *',
    '61 * * * *',
    '* 25 * * *',
    '0 2 * * 8',
    'every day',
    '0 0 31 2 * * * *',
    '@reboot',
  ),
  fc.string({ minLength: 1, maxLength: 30 }).filter((text) => /^[a-z]+$/.test(text) && text.length < 40),
);
const providerTypes = ['CLEVER', 'CLASSLINK', 'ONEROSTER_API', 'ONEROSTER_CSV'];

/** Invalid create-provider bodies, each invalid for a known reason. */
const invalidCreateBody = fc.oneof(
  fc
    .record({
      type: fc.constantFrom(...providerTypes),
      field: fc.constantFrom(...knownTopLevelFields),
      value: wrongTypeValue,
    })
    .map(({ type, field, value }) => ({ ...validBodies[type], [field]: value })),
  fc
    .record({
      type: fc.constantFrom(...providerTypes),
      field: fc.string({ maxLength: 12 }),
      value: wrongTypeValue,
    })
    .map(({ type, field, value }) => {
      const body = structuredClone(validBodies[type]!);
      const config = body.config as Record<string, unknown>;
      const keys = Object.keys(config);
      // Replace an existing config field when the name picks one, else add an unknown one.
      const target = keys[field.length % keys.length]!;
      if (field.length % 2 === 0) config[target] = value;
      else config[`unknown_${field}`] = value;
      return body;
    }),
  fc
    .record({ type: fc.constantFrom(...providerTypes), field: extraFieldName, value: fc.jsonValue() })
    .map(({ type, field, value }) => ({ ...validBodies[type], [field]: value })),
  fc
    .record({ type: fc.constantFrom(...providerTypes), cron: invalidCron })
    .map(({ type, cron }) => ({ ...validBodies[type], syncSchedule: cron })),
  fc
    .record({
      type: fc.constantFrom(...providerTypes),
      unknownType: fc.string({ maxLength: 20 }).filter((text) => !providerTypes.includes(text)),
    })
    .map(({ type, unknownType }) => ({ ...validBodies[type], providerType: unknownType })),
  fc
    .record({
      type: fc.constantFrom(...providerTypes),
      drop: fc.constantFrom('tenantId', 'name', 'config', 'providerType'),
    })
    .map(({ type, drop }) => {
      const body = { ...validBodies[type] };
      delete body[drop];
      return body;
    }),
  fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
);

const invalidUpdateBody = fc.oneof(
  fc
    .record({
      field: fc.constantFrom('name', 'enabled', 'syncSchedule', 'syncTimezone', 'config'),
      value: wrongTypeValue,
    })
    .filter(({ field, value }) => !(field === 'config' && typeof value === 'object' && !Array.isArray(value)))
    .map(({ field, value }) => ({ [field]: value })),
  fc
    .record({ field: fc.string({ minLength: 1, maxLength: 12 }), value: fc.jsonValue() })
    .filter(
      ({ field }) =>
        !['name', 'enabled', 'syncSchedule', 'syncTimezone', 'config', '__proto__'].includes(field),
    )
    .map(({ field, value }) => ({ [field]: value })),
  invalidCron.map((cron) => ({ syncSchedule: cron })),
  fc.constantFrom({ syncTimezone: 'Mars/Olympus_Mons' }, { name: '' }, { name: 'x'.repeat(50_000) }),
  fc.constantFrom({ config: { clientSecret: 42 } }, { config: { sftp: 'not an object' } }),
);

const invalidSyncBody = fc.oneof(
  fc.record({ dryRun: wrongTypeValue }),
  fc.record({ mode: fc.string({ maxLength: 10 }).filter((mode) => mode !== 'full' && mode !== 'delta') }),
  fc
    .record({ field: fc.string({ minLength: 1, maxLength: 10 }), value: fc.jsonValue() })
    .filter(({ field }) => !['dryRun', 'mode', '__proto__'].includes(field))
    .map(({ field, value }) => ({ [field]: value })),
);

describe('bad input at the API', () => {
  let harness: ReliabilityService;
  let token: string;
  let providerId: string;
  let before: DatabaseFingerprint;

  beforeAll(async () => {
    harness = await startReliabilityService();
    token = await harness.token({ role: 'PLATFORM_ADMIN' });
    const created = await harness.request('/api/v1/providers', {
      method: 'POST',
      token,
      body: validBodies.CLEVER,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    providerId = ((await created.json()) as { id: string }).id;
    before = await fingerprintDatabase(harness.service.database.pool);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const expectDatabaseUnchanged = async () => {
    expect(await fingerprintDatabase(harness.service.database.pool)).toEqual(before);
  };

  it('POST /providers: fuzzed invalid bodies are 4xx with field paths and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(invalidCreateBody, async (body) => {
        const response = await harness.request('/api/v1/providers', { method: 'POST', token, body });
        const error = await expectClientError(
          response,
          `POST /providers ${JSON.stringify(body).slice(0, 200)}`,
        );
        expect(response.status).toBe(400);
        expect(error.error.code).toBe('validation_failed');
      }),
      { seed: fuzzSeed, numRuns },
    );
    await expectDatabaseUnchanged();
  });

  it('PATCH /providers/:id: fuzzed invalid bodies are 4xx with field paths and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(invalidUpdateBody, async (body) => {
        const response = await harness.request(`/api/v1/providers/${providerId}`, {
          method: 'PATCH',
          token,
          body,
        });
        await expectClientError(response, `PATCH ${JSON.stringify(body).slice(0, 200)}`);
        expect(response.status).toBe(400);
      }),
      { seed: fuzzSeed, numRuns },
    );
    await expectDatabaseUnchanged();
  });

  it('POST /providers/:id/sync: fuzzed invalid bodies are 400 and start nothing', async () => {
    await fc.assert(
      fc.asyncProperty(invalidSyncBody, async (body) => {
        const response = await harness.request(`/api/v1/providers/${providerId}/sync`, {
          method: 'POST',
          token,
          body,
        });
        await expectClientError(response, `sync ${JSON.stringify(body)}`);
        expect(response.status).toBe(400);
      }),
      { seed: fuzzSeed, numRuns: 30 },
    );
    await expectDatabaseUnchanged();
  });

  it('malformed JSON, a wrong content type and non-object bodies are 400 on every body endpoint', async () => {
    const endpoints: Array<[string, string]> = [
      ['POST', '/api/v1/providers'],
      ['PATCH', `/api/v1/providers/${providerId}`],
      ['POST', `/api/v1/providers/${providerId}/sync`],
    ];
    const rawBodies = ['{', '{"name": }', 'null', '[]', '"text"', '\u0000\u0001', '{"a":1}{"b":2}'];
    for (const [method, path] of endpoints) {
      for (const rawBody of rawBodies) {
        const response = await harness.request(path, { method, token, rawBody });
        await expectClientError(response, `${method} ${path} ${JSON.stringify(rawBody)}`);
      }
      const wrongType = await harness.request(path, {
        method,
        token,
        rawBody: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await expectClientError(wrongType, `${method} ${path} form body`);
    }
    await expectDatabaseUnchanged();
  });

  it('huge payloads: a 2 MB body and 50,000-character strings in every text field are refused', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const long = 'y'.repeat(50_000);
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/providers', { ...validBodies.CLEVER, padding: huge }],
      ['POST', '/api/v1/providers', { ...validBodies.CLEVER, name: huge }],
      ['POST', '/api/v1/providers', { ...validBodies.CLEVER, tenantId: long }],
      ['POST', '/api/v1/providers', { ...validBodies.CLEVER, name: long }],
      ['POST', '/api/v1/providers', { ...validBodies.CLEVER, syncSchedule: long }],
      ['POST', '/api/v1/providers', { ...validBodies.CLEVER, syncTimezone: long }],
      ['PATCH', `/api/v1/providers/${providerId}`, { name: huge }],
      ['PATCH', `/api/v1/providers/${providerId}`, { syncSchedule: long }],
      ['POST', `/api/v1/providers/${providerId}/sync`, { mode: long }],
    ];
    for (const [method, path, body] of cases) {
      const response = await harness.request(path, { method, token, body });
      await expectClientError(response, `${method} ${path} huge`);
    }
    await expectDatabaseUnchanged();
  });

  it('bad ids and bad query parameters are 4xx on every endpoint, never a 500', async () => {
    const badIds = [
      'not-a-uuid',
      '1',
      "' OR 1=1 --",
      '%00',
      'x'.repeat(5_000),
      '00000000-0000-0000-0000-000000000000',
    ];
    for (const id of badIds) {
      const encoded = encodeURIComponent(id);
      const requests: Array<[string, string]> = [
        ['GET', `/api/v1/providers/${encoded}`],
        ['PATCH', `/api/v1/providers/${encoded}`],
        ['DELETE', `/api/v1/providers/${encoded}`],
        ['POST', `/api/v1/providers/${encoded}/test`],
        ['POST', `/api/v1/providers/${encoded}/sync`],
        ['POST', `/api/v1/providers/${encoded}/sync/cancel`],
        ['GET', `/api/v1/providers/${encoded}/sync/status`],
        ['GET', `/api/v1/providers/${encoded}/runs`],
        ['GET', `/api/v1/runs/${encoded}`],
        ['GET', `/api/v1/runs/${encoded}/issues`],
        ['POST', `/api/v1/runs/${encoded}/held/approve`],
        ['POST', `/api/v1/runs/${encoded}/held/discard`],
      ];
      for (const [method, path] of requests) {
        const response = await harness.request(path, {
          method,
          token,
          ...(method === 'PATCH' ? { body: { name: 'x' } } : {}),
        });
        await expectClientError(response, `${method} ${path.slice(0, 120)}`);
      }
    }
    const badQueries = [
      `/api/v1/providers/${providerId}/runs?limit=-1`,
      `/api/v1/providers/${providerId}/runs?limit=abc`,
      `/api/v1/providers/${providerId}/runs?limit=100000`,
      `/api/v1/providers/${providerId}/runs?offset=-5`,
      `/api/v1/tenants/${tenantId}/roster/users?limit=0`,
      `/api/v1/tenants/${tenantId}/roster/users?active=maybe`,
      `/api/v1/tenants/${tenantId}/roster/users?search=${'z'.repeat(5_000)}`,
      `/api/v1/tenants/${tenantId}/roster/dragons`,
      `/api/v1/tenants/${'t'.repeat(500)}/providers`,
    ];
    for (const path of badQueries) {
      const response = await harness.request(path, { token });
      await expectClientError(response, `GET ${path.slice(0, 120)}`);
    }
    await expectDatabaseUnchanged();
  });
});
