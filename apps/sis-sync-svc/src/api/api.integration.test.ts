import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfigCipher } from '../security/config-cipher.js';
import { rotateEncryptionKey } from '../security/rotate-encryption-key.js';
import { loadProviderSyncState } from '../sync/provider-sync-state.js';
import { createControllableExecutor } from '../test-support/controllable-executor.js';
import { startTestService, type TestService } from '../test-support/start-test-service.js';

const executor = createControllableExecutor();
const testedConfigs: Record<string, unknown>[] = [];
let service: TestService;
let platformToken: string;
let districtToken: string;
let otherDistrictToken: string;

const cleverBody = {
  tenantId: 'district-123',
  providerType: 'CLEVER',
  name: 'Clever Integration',
  config: { clientId: 'clever-client', clientSecret: 'clever-secret-value-1', districtId: 'd-1' },
  syncSchedule: '0 2 * * *',
};

beforeAll(async () => {
  service = await startTestService({
    executeRun: executor.executeRun,
    testConnection: async ({ config }) => {
      testedConfigs.push(config);
      if (config.districtId === 'explodes')
        throw new Error('connection string postgres://admin:hunter2@internal');
      // A careless connector that quotes the secret back: the API must not pass it on.
      if (config.districtId === 'echoes')
        return {
          success: false,
          message: `Clever refused the secret ${String(config.clientSecret)}`,
          reason: `rejected ${String(config.clientSecret)}`,
        };
      return { success: true, message: 'Successfully connected to Clever' };
    },
    applyHeldDeactivations: async () => ({ deactivated: { users: 3 } }),
  });
  platformToken = await service.token({ role: 'PLATFORM_ADMIN' });
  districtToken = await service.token({ role: 'DISTRICT_ADMIN', tenantId: 'district-123', subject: 'ana' });
  otherDistrictToken = await service.token({ role: 'DISTRICT_ADMIN', tenantId: 'district-999' });
});

afterAll(async () => {
  await service?.close();
});

async function createProvider(body: Record<string, unknown> = cleverBody, token = districtToken) {
  const response = await service.request('/api/v1/providers', { method: 'POST', token, body });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown> & { id: string };
}

async function auditActions(resourceId: string): Promise<string[]> {
  const rows = await service.prisma.auditLog.findMany({ where: { resourceId }, orderBy: { id: 'asc' } });
  return rows.map((row) => `${row.action}:${row.outcome}`);
}

describe('authentication and roles', () => {
  it('answers 401 without a token or with a bad one', async () => {
    const path = '/api/v1/tenants/district-123/providers';
    expect((await service.request(path)).status).toBe(401);
    const forged = await new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-0123'));
    expect((await service.request(path, { token: forged })).status).toBe(401);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', role: 'PLATFORM_ADMIN' })).toString('base64url');
    const none = await service.request(path, { token: `${header}.${payload}.` });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    const expired = await new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(service.jwtSecret!));
    const expiredResponse = await service.request(path, { token: expired });
    expect(expiredResponse.status).toBe(401);
    expect(((await expiredResponse.json()) as { error: { message: string } }).error.message).toMatch(
      /expired/,
    );
  });

  it('answers 403 to other roles and to a district admin without tenant', async () => {
    const teacher = await service.token({ role: 'TEACHER', tenantId: 'district-123' });
    expect((await service.request('/api/v1/schedule-presets', { token: teacher })).status).toBe(403);
    const noTenant = await service.token({ role: 'DISTRICT_ADMIN' });
    expect((await service.request('/api/v1/schedule-presets', { token: noTenant })).status).toBe(403);
  });

  it('serves health, readiness and the OpenAPI document without a token', async () => {
    expect((await service.request('/healthz')).status).toBe(200);
    expect(await (await service.request('/readyz')).json()).toEqual({ status: 'ready' });
    const document = (await (await service.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(document.components.schemas.UpdateProvider?.properties ?? {})).toContain(
      'syncSettings',
    );
    expect(Object.keys(document.components.schemas.Provider?.properties ?? {})).toContain('syncSettings');
    expect(Object.keys(document.components.schemas.ProviderSyncSettingsInput?.properties ?? {})).toEqual([
      'createUnmatchedUsers',
      'maxDeactivatePercent',
      'maxDeactivatePercentByEntity',
    ]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/tenants/{tenantId}/providers',
        '/providers',
        '/providers/{providerId}',
        '/providers/{providerId}/sync',
        '/providers/{providerId}/sync/cancel',
        '/providers/{providerId}/sync/status',
        '/providers/{providerId}/runs',
        '/providers/{providerId}/test',
        '/providers/test',
        '/runs/{runId}',
        '/runs/{runId}/issues',
        '/runs/{runId}/held/approve',
        '/runs/{runId}/held/discard',
        '/schedule-presets',
        '/tenants/{tenantId}/roster/{entity}',
      ]),
    );
  });

  it('answers unknown paths with the error shape', async () => {
    const response = await service.request('/api/v1/nothing-here', { token: platformToken });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});

describe('providers', () => {
  it('creates a provider, masks its secrets and encrypts them at rest', async () => {
    const created = await createProvider();
    expect(created).toMatchObject({
      tenantId: 'district-123',
      providerType: 'CLEVER',
      name: 'Clever Integration',
      enabled: true,
      syncSchedule: '0 2 * * *',
      syncTimezone: 'UTC',
      lastSyncAt: null,
      config: {
        clientId: 'clever-client',
        districtId: 'd-1',
        clientSecret: { set: true },
        accessToken: { set: false },
      },
    });
    expect(created.nextSyncAt).toEqual(expect.stringMatching(/T02:00:00/));
    expect(JSON.stringify(created)).not.toContain('clever-secret-value-1');
    const raw = await service.database.pool.query('SELECT * FROM sis_providers WHERE id = $1', [created.id]);
    const row = raw.rows[0] as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('clever-secret-value-1');
    expect(JSON.stringify(row)).not.toContain('clever-client');
    expect(row.config_key_id).toBe(service.cipher.currentKeyId);
    expect(service.cipher.decrypt(row.config_json as string, created.id)).toEqual(cleverBody.config);
    expect(await auditActions(created.id)).toEqual(['create:success']);
    const audit = await service.prisma.auditLog.findFirstOrThrow({ where: { resourceId: created.id } });
    expect(audit).toMatchObject({ actor: 'ana', actorRole: 'DISTRICT_ADMIN', tenantId: 'district-123' });
  });

  it('accepts each provider type with its own config', async () => {
    const bodies = [
      { providerType: 'CLASSLINK', config: { clientId: 'c', clientSecret: 's', tenantId: 'springfield-ca' } },
      {
        providerType: 'ONEROSTER_API',
        config: {
          baseUrl: 'https://oneroster.example.com/ims/oneroster/v1p1',
          clientId: 'c',
          clientSecret: 's',
          auth: 'oauth2',
          tokenUrl: 'https://oneroster.example.com/oauth/token',
        },
      },
      {
        providerType: 'ONEROSTER_CSV',
        config: {
          sftp: { host: 'sftp.example.com', username: 'u', privateKeyPath: '/keys/id', readyTimeoutMs: 5000 },
          remotePath: '/exports',
        },
      },
      { providerType: 'ONEROSTER_CSV', config: { localPath: '/data/oneroster' } },
    ];
    for (const body of bodies) {
      const created = await createProvider({
        tenantId: 'district-123',
        name: `${body.providerType} test`,
        ...body,
      });
      expect(created.providerType).toBe(body.providerType);
    }
    const csv = await createProvider({
      tenantId: 'district-123',
      name: 'CSV with password',
      providerType: 'ONEROSTER_CSV',
      config: { sftp: { host: 'h', username: 'u', password: 'sftp-password-1' }, remotePath: '/x' },
    });
    // Stored as given: connector defaults (port 22, timeouts) are not frozen into the config.
    expect((csv.config as { sftp: Record<string, unknown> }).sftp).toEqual({
      host: 'h',
      username: 'u',
      password: { set: true },
      privateKey: { set: false },
      passphrase: { set: false },
    });
    expect(JSON.stringify(csv)).not.toContain('sftp-password-1');

    // The connectors' own schemas: ClassLink's discovery key is accepted and kept secret.
    const discovery = await createProvider({
      tenantId: 'district-123',
      name: 'ClassLink discovery',
      providerType: 'CLASSLINK',
      config: {
        clientId: 'c',
        clientSecret: 's',
        tenantId: '1234',
        baseUrl: 'https://springfield-ca-v2.oneroster.com/ims/oneroster/v1p1',
        discovery: { apiKey: 'classlink-discovery-key-1' },
      },
    });
    expect((discovery.config as { discovery: Record<string, unknown> }).discovery).toMatchObject({
      apiKey: { set: true },
    });
    expect(JSON.stringify(discovery)).not.toContain('classlink-discovery-key-1');
  });

  it("refuses what the connectors refuse, and SPEC's required fields, with field paths", async () => {
    const rejected = async (body: Record<string, unknown>) => {
      const response = await service.request('/api/v1/providers', {
        method: 'POST',
        token: districtToken,
        body: { tenantId: 'district-123', name: 'Refused', ...body },
      });
      expect(response.status).toBe(400);
      const issues = ((await response.json()) as { error: { details: { issues: { path: string }[] } } }).error
        .details.issues;
      return issues.map((issue) => issue.path).sort();
    };
    // ClassLink's connector has no auth/tokenUrl/scope settings.
    expect(
      await rejected({
        providerType: 'CLASSLINK',
        config: { clientId: 'c', clientSecret: 's', tenantId: 'springfield-ca', auth: 'oauth2' },
      }),
    ).toEqual(['config']);
    // A numeric tenant id needs the Roster Server URL.
    expect(
      await rejected({
        providerType: 'CLASSLINK',
        config: { clientId: 'c', clientSecret: 's', tenantId: '1234' },
      }),
    ).toEqual(['config.baseUrl']);
    // SPEC.md's fields stay required even where the connector has an alternative.
    expect(
      await rejected({
        providerType: 'CLASSLINK',
        config: { tenantId: 'springfield-ca', discovery: { apiKey: 'k' } },
      }),
    ).toEqual(['config.clientId', 'config.clientSecret']);
    expect(await rejected({ providerType: 'CLEVER', config: { districtId: 'd', accessToken: 't' } })).toEqual(
      ['config.clientId', 'config.clientSecret'],
    );
    expect(
      await rejected({
        providerType: 'ONEROSTER_API',
        config: { baseUrl: 'https://x.example/v1p1', clientId: 'c', clientSecret: 's', auth: 'oauth2' },
      }),
    ).toEqual(['config.tokenUrl']);
    expect(
      await rejected({
        providerType: 'ONEROSTER_CSV',
        config: { sftp: { username: 'u', privateKeyPath: '/keys/id' }, remotePath: '/exports' },
      }),
    ).toEqual(['config.sftp.host']);
  });

  it('rejects invalid bodies with field paths', async () => {
    const missingSecret = await service.request('/api/v1/providers', {
      method: 'POST',
      token: districtToken,
      body: { ...cleverBody, config: { clientId: 'c', districtId: 'd' } },
    });
    expect(missingSecret.status).toBe(400);
    const body = (await missingSecret.json()) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues.map((issue) => issue.path)).toContain('config.clientSecret');

    const badType = await service.request('/api/v1/providers', {
      method: 'POST',
      token: districtToken,
      body: { ...cleverBody, providerType: 'POWERSCHOOL' },
    });
    expect(badType.status).toBe(400);

    const badCron = await service.request('/api/v1/providers', {
      method: 'POST',
      token: districtToken,
      body: { ...cleverBody, syncSchedule: '0 25 * * *', syncTimezone: 'Mars/Base' },
    });
    expect(badCron.status).toBe(400);
    const cronIssues = ((await badCron.json()) as { error: { details: { issues: { path: string }[] } } })
      .error.details.issues;
    expect(cronIssues.map((issue) => issue.path).sort()).toEqual(['syncSchedule', 'syncTimezone']);

    const badCronOnly = await service.request('/api/v1/providers', {
      method: 'POST',
      token: districtToken,
      body: { ...cleverBody, syncSchedule: 'every day' },
    });
    expect(
      ((await badCronOnly.json()) as { error: { details: { issues: { path: string }[] } } }).error.details
        .issues[0]?.path,
    ).toBe('syncSchedule');

    const malformed = await service.app.request('/api/v1/providers', {
      method: 'POST',
      headers: { authorization: `Bearer ${districtToken}`, 'content-type': 'application/json' },
      body: '{"tenantId":',
    });
    expect(malformed.status).toBe(400);
  });

  it('creates, shows, changes and audits sync settings, validated with field paths', async () => {
    const created = await createProvider({
      ...cleverBody,
      name: 'Settings',
      syncSettings: { createUnmatchedUsers: false, maxDeactivatePercentByEntity: { users: 5 } },
    });
    expect(created.syncSettings).toEqual({
      createUnmatchedUsers: false,
      maxDeactivatePercent: null,
      maxDeactivatePercentByEntity: { users: 5 },
    });
    const plain = await createProvider({ ...cleverBody, name: 'Default settings' });
    expect(plain.syncSettings).toEqual({
      createUnmatchedUsers: true,
      maxDeactivatePercent: null,
      maxDeactivatePercentByEntity: null,
    });

    const patched = await service.request(`/api/v1/providers/${created.id}`, {
      method: 'PATCH',
      token: districtToken,
      body: { syncSettings: { maxDeactivatePercent: 25, maxDeactivatePercentByEntity: null } },
    });
    expect(patched.status).toBe(200);
    const expected = {
      createUnmatchedUsers: false,
      maxDeactivatePercent: 25,
      maxDeactivatePercentByEntity: null,
    };
    expect(((await patched.json()) as { syncSettings: unknown }).syncSettings).toEqual(expected);
    const read = await service.request(`/api/v1/providers/${created.id}`, { token: districtToken });
    expect(((await read.json()) as { syncSettings: unknown }).syncSettings).toEqual(expected);
    const listed = (await (
      await service.request('/api/v1/tenants/district-123/providers', { token: districtToken })
    ).json()) as { providers: { id: string; syncSettings: unknown }[] };
    expect(listed.providers.find((provider) => provider.id === created.id)?.syncSettings).toEqual(expected);
    // The executor reads what the API wrote.
    const state = await loadProviderSyncState(service.database.pool, created.id);
    expect(state).toMatchObject({ createUnmatchedUsers: false, thresholds: { maxDeactivatePercent: 25 } });
    expect(state.thresholds.maxDeactivatePercentByEntity).toBeUndefined();

    const invalid = await service.request(`/api/v1/providers/${created.id}`, {
      method: 'PATCH',
      token: districtToken,
      body: {
        syncSettings: {
          createUnmatchedUsers: 'yes',
          maxDeactivatePercent: 120,
          maxDeactivatePercentByEntity: { users: -1, pupils: 3 },
        },
      },
    });
    expect(invalid.status).toBe(400);
    const paths = (
      (await invalid.json()) as { error: { details: { issues: { path: string }[] } } }
    ).error.details.issues
      .map((issue) => issue.path)
      .sort();
    expect(paths).toEqual([
      'syncSettings.createUnmatchedUsers',
      'syncSettings.maxDeactivatePercent',
      'syncSettings.maxDeactivatePercentByEntity',
      'syncSettings.maxDeactivatePercentByEntity.users',
    ]);

    const audit = await service.prisma.auditLog.findMany({
      where: { resourceId: created.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((row) => [row.action, row.outcome, row.detailJson])).toEqual([
      [
        'create',
        'success',
        {
          providerType: 'CLEVER',
          name: 'Settings',
          syncSettings: { createUnmatchedUsers: false, maxDeactivatePercentByEntity: { users: 5 } },
        },
      ],
      [
        'update',
        'success',
        {
          fields: ['syncSettings'],
          syncSettings: { maxDeactivatePercent: 25, maxDeactivatePercentByEntity: null },
        },
      ],
    ]);
  });

  it('accepts schedule presets by name', async () => {
    const created = await createProvider({
      ...cleverBody,
      name: 'Preset',
      syncSchedule: 'weekdays',
      syncTimezone: 'America/Chicago',
    });
    expect(created).toMatchObject({ syncSchedule: '0 6 * * 1-5', syncTimezone: 'America/Chicago' });
  });

  it("keeps a district admin inside its tenant: others' resources are 404", async () => {
    const created = await createProvider();
    expect(
      (await service.request(`/api/v1/providers/${created.id}`, { token: otherDistrictToken })).status,
    ).toBe(404);
    expect(
      (await service.request('/api/v1/tenants/district-123/providers', { token: otherDistrictToken })).status,
    ).toBe(404);
    const patch = await service.request(`/api/v1/providers/${created.id}`, {
      method: 'PATCH',
      token: otherDistrictToken,
      body: { enabled: false },
    });
    expect(patch.status).toBe(404);
    for (const path of ['sync', 'sync/cancel', 'test']) {
      expect(
        (
          await service.request(`/api/v1/providers/${created.id}/${path}`, {
            method: 'POST',
            token: otherDistrictToken,
          })
        ).status,
      ).toBe(404);
    }
    expect(
      (
        await service.request(`/api/v1/providers/${created.id}`, {
          method: 'DELETE',
          token: otherDistrictToken,
        })
      ).status,
    ).toBe(404);
    const createElsewhere = await service.request('/api/v1/providers', {
      method: 'POST',
      token: otherDistrictToken,
      body: cleverBody,
    });
    expect(createElsewhere.status).toBe(404);
    expect((await service.request(`/api/v1/providers/${created.id}`, { token: platformToken })).status).toBe(
      200,
    );
  });

  it('lists, reads, updates (keeping blank secrets) and deletes', async () => {
    const created = await createProvider({ ...cleverBody, tenantId: 'district-list' }, platformToken);
    const list = (await (
      await service.request('/api/v1/tenants/district-list/providers', { token: platformToken })
    ).json()) as {
      providers: { id: string }[];
    };
    expect(list.providers.map((provider) => provider.id)).toEqual([created.id]);

    const patched = await service.request(`/api/v1/providers/${created.id}`, {
      method: 'PATCH',
      token: platformToken,
      body: {
        name: 'Renamed',
        config: { clientId: 'new-client', clientSecret: '', districtId: 'd-2', accessToken: { set: false } },
        syncSchedule: 'hourly',
      },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      name: 'Renamed',
      syncSchedule: '0 * * * *',
      config: { clientId: 'new-client', districtId: 'd-2', clientSecret: { set: true } },
    });
    const stored = await service.prisma.sisProvider.findUniqueOrThrow({ where: { id: created.id } });
    expect(service.cipher.decrypt(stored.configJson, stored.id)).toEqual({
      clientId: 'new-client',
      clientSecret: 'clever-secret-value-1',
      districtId: 'd-2',
    });

    const invalid = await service.request(`/api/v1/providers/${created.id}`, {
      method: 'PATCH',
      token: platformToken,
      body: { config: { clientSecret: 'x' } },
    });
    expect(invalid.status).toBe(400);
    const issues = ((await invalid.json()) as { error: { details: { issues: { path: string }[] } } }).error
      .details.issues;
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['config.clientId', 'config.districtId']),
    );

    const unknownField = await service.request(`/api/v1/providers/${created.id}`, {
      method: 'PATCH',
      token: platformToken,
      body: { providerType: 'CLASSLINK' },
    });
    expect(unknownField.status).toBe(400);

    const deleted = await service.request(`/api/v1/providers/${created.id}`, {
      method: 'DELETE',
      token: platformToken,
    });
    expect(deleted.status).toBe(204);
    expect((await service.request(`/api/v1/providers/${created.id}`, { token: platformToken })).status).toBe(
      404,
    );
    expect(await auditActions(created.id)).toEqual([
      'create:success',
      'update:success',
      'update:rejected',
      'delete:success',
    ]);
  });

  it('tests a connection with the decrypted config and hides internal errors', async () => {
    const created = await createProvider();
    const response = await service.request(`/api/v1/providers/${created.id}/test`, {
      method: 'POST',
      token: districtToken,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, message: 'Successfully connected to Clever' });
    expect(testedConfigs.at(-1)).toMatchObject({ clientSecret: 'clever-secret-value-1' });

    const exploding = await createProvider({
      ...cleverBody,
      config: { ...cleverBody.config, districtId: 'explodes' },
    });
    const failed = await service.request(`/api/v1/providers/${exploding.id}/test`, {
      method: 'POST',
      token: districtToken,
    });
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(await auditActions(exploding.id)).toEqual(['create:success', 'test:failure']);
  });

  it('tests an unsaved config as given, stores nothing and hides secrets a connector quotes back', async () => {
    const before = await service.prisma.sisProvider.count();
    const test = (config: Record<string, unknown>) =>
      service.request('/api/v1/providers/test', {
        method: 'POST',
        token: districtToken,
        body: { tenantId: 'district-123', providerType: 'CLEVER', config },
      });
    const passed = await test({ ...cleverBody.config, districtId: ' d-1 ' });
    expect(await passed.json()).toEqual({ success: true, message: 'Successfully connected to Clever' });
    // The config Save would store: trimmed, without the connector's defaults (page size, base URLs).
    expect(testedConfigs.at(-1)).toEqual({ ...cleverBody.config, districtId: 'd-1' });

    const echoed = await test({ ...cleverBody.config, districtId: 'echoes' });
    expect(echoed.status).toBe(200);
    const echoedText = await echoed.text();
    expect(echoedText).not.toContain('clever-secret-value-1');
    expect(JSON.parse(echoedText)).toEqual({
      success: false,
      message: 'Clever refused the secret [secret]',
      reason: 'rejected [secret]',
    });

    const exploded = await test({ ...cleverBody.config, districtId: 'explodes' });
    expect(exploded.status).toBe(500);
    expect(await exploded.text()).not.toContain('hunter2');

    expect(await service.prisma.sisProvider.count()).toBe(before);
    const audits = await service.prisma.auditLog.findMany({
      where: { action: 'test_unsaved', tenantId: 'district-123' },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((audit) => `${audit.outcome}:${audit.resourceId}`)).toEqual([
      'success:null',
      'failure:null',
      'failure:null',
    ]);
    expect(audits.map((audit) => audit.detailJson)).toEqual([
      { providerType: 'CLEVER', message: 'Successfully connected to Clever' },
      { providerType: 'CLEVER', message: 'Clever refused the secret [secret]', reason: 'rejected [secret]' },
      { providerType: 'CLEVER', error: 'Error' },
    ]);
  });
});

describe('sync endpoints', () => {
  it('starts one run, answers 409 to a second trigger, reports status, history and cancel', async () => {
    const provider = await createProvider({ ...cleverBody, name: 'Sync me' });
    const started = await service.request(`/api/v1/providers/${provider.id}/sync`, {
      method: 'POST',
      token: districtToken,
      body: { dryRun: true, mode: 'delta' },
    });
    expect(started.status).toBe(202);
    const { runId, run } = (await started.json()) as { runId: string; run: Record<string, unknown> };
    // A fast worker may already have started the run when the answer is built: queued or running are both
    // right (the controllable executor never finishes it on its own).
    expect(['PENDING', 'IN_PROGRESS']).toContain(run.status);
    expect(run).toMatchObject({
      dryRun: true,
      mode: 'delta',
      isManual: true,
      triggeredBy: 'ana',
    });

    const second = await service.request(`/api/v1/providers/${provider.id}/sync`, {
      method: 'POST',
      token: districtToken,
    });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'sync_in_progress', details: { runId } } });

    const input = await executor.started(runId);
    expect(input.config).toMatchObject({ clientSecret: 'clever-secret-value-1' });
    const status = await (
      await service.request(`/api/v1/providers/${provider.id}/sync/status`, { token: districtToken })
    ).json();
    expect(status).toMatchObject({
      isRunning: true,
      lastSync: null,
      lastStatus: null,
      currentRunId: runId,
      currentRunStatus: 'IN_PROGRESS',
    });

    const cancel = await service.request(`/api/v1/providers/${provider.id}/sync/cancel`, {
      method: 'POST',
      token: districtToken,
    });
    expect([200, 202]).toContain(cancel.status);
    await expect
      .poll(async () => (await service.prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } })).status)
      .toBe('CANCELLED');
    expect(executor.aborted.get(runId)).toMatch(/cancel/);

    const after = await (
      await service.request(`/api/v1/providers/${provider.id}/sync/status`, { token: districtToken })
    ).json();
    expect(after).toMatchObject({ isRunning: false, lastStatus: 'CANCELLED', currentRunId: null });
    expect((after as { lastSync: string }).lastSync).toEqual(expect.any(String));

    const nothing = await service.request(`/api/v1/providers/${provider.id}/sync/cancel`, {
      method: 'POST',
      token: districtToken,
    });
    expect(nothing.status).toBe(409);

    const history = (await (
      await service.request(`/api/v1/providers/${provider.id}/runs?limit=5&offset=0`, {
        token: districtToken,
      })
    ).json()) as {
      runs: { id: string; status: string }[];
      total: number;
    };
    expect(history).toMatchObject({ total: 1, limit: 5, offset: 0 });
    expect(history.runs[0]).toMatchObject({ id: runId, status: 'CANCELLED' });
    expect(await auditActions(provider.id)).toEqual([
      'create:success',
      'sync:success',
      'sync:rejected',
      'cancel:success',
      'cancel:rejected',
    ]);

    const badPaging = await service.request(`/api/v1/providers/${provider.id}/runs?limit=0`, {
      token: districtToken,
    });
    expect(badPaging.status).toBe(400);
    const badBody = await service.request(`/api/v1/providers/${provider.id}/sync`, {
      method: 'POST',
      token: districtToken,
      body: { mode: 'sideways' },
    });
    expect(badBody.status).toBe(400);
  });

  it('refuses to sync a disabled provider', async () => {
    const provider = await createProvider({ ...cleverBody, name: 'Disabled', enabled: false });
    const response = await service.request(`/api/v1/providers/${provider.id}/sync`, {
      method: 'POST',
      token: districtToken,
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: { code: 'provider_disabled', message: expect.stringContaining('Provider disabled') },
    });
  });
});

describe('runs', () => {
  async function finishedRun(held: boolean) {
    const provider = await createProvider({ ...cleverBody, name: `Runs ${held}` });
    const run = await service.prisma.sisSyncRun.create({
      data: {
        providerId: provider.id,
        tenantId: provider.tenantId as string,
        status: held ? 'PARTIAL' : 'SUCCESS',
        triggeredBy: 'ana',
        completedAt: new Date(),
        statsJson: { users: { created: 2 } },
        ...(held ? { heldDeactivationsJson: { users: ['u-1', 'u-2', 'u-3'] }, heldStatus: 'HELD' } : {}),
      },
    });
    await service.prisma.sisRunIssue.createMany({
      data: [
        {
          runId: run.id,
          entity: 'users',
          sourcedId: 'u-9',
          code: 'unmatched_user',
          message: 'No user with email "a,b"@x',
        },
        {
          runId: run.id,
          entity: 'users',
          sourcedId: 'u-8',
          code: 'unmatched_user',
          message: 'Missing external id',
        },
        {
          runId: run.id,
          entity: 'classes',
          sourcedId: 'c-1',
          code: 'invalid_record',
          message: '=HYPERLINK("x")',
        },
      ],
    });
    return run;
  }

  it('shows a run with its issues summary, pages its issues and downloads them as CSV', async () => {
    const run = await finishedRun(false);
    const detail = await (await service.request(`/api/v1/runs/${run.id}`, { token: districtToken })).json();
    expect(detail).toMatchObject({
      id: run.id,
      status: 'SUCCESS',
      statsJson: { users: { created: 2 } },
      issuesSummary: { total: 3, byCode: { unmatched_user: 2, invalid_record: 1 } },
      heldDeactivations: null,
    });
    const page = (await (
      await service.request(`/api/v1/runs/${run.id}/issues?limit=2`, { token: districtToken })
    ).json()) as {
      issues: { sourcedId: string }[];
      total: number;
    };
    expect(page.total).toBe(3);
    expect(page.issues.map((issue) => issue.sourcedId)).toEqual(['u-9', 'u-8']);
    const filtered = (await (
      await service.request(`/api/v1/runs/${run.id}/issues?code=invalid_record`, { token: districtToken })
    ).json()) as {
      total: number;
    };
    expect(filtered.total).toBe(1);
    const csv = await service.request(`/api/v1/runs/${run.id}/issues?format=csv`, { token: districtToken });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('entity,sourcedId,severity,code,message,location,createdAt');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"No user with email ""a,b""@x"');
    expect(lines[3]).toContain(`"'=HYPERLINK(""x"")"`);
    expect((await service.request(`/api/v1/runs/${run.id}`, { token: otherDistrictToken })).status).toBe(404);
    expect((await service.request('/api/v1/runs/not-a-uuid', { token: districtToken })).status).toBe(400);
  });

  it('approves or discards held deactivations once', async () => {
    const approveRun = await finishedRun(true);
    const approved = await service.request(`/api/v1/runs/${approveRun.id}/held/approve`, {
      method: 'POST',
      token: districtToken,
    });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toEqual({
      runId: approveRun.id,
      heldStatus: 'APPROVED',
      deactivated: { users: 3 },
    });
    expect(
      (
        await service.request(`/api/v1/runs/${approveRun.id}/held/approve`, {
          method: 'POST',
          token: districtToken,
        })
      ).status,
    ).toBe(409);

    const discardRun = await finishedRun(true);
    const heldSet = await service.prisma.rosterHeldSet.create({
      data: {
        tenantId: discardRun.tenantId,
        providerId: discardRun.providerId,
        runId: discardRun.id,
        entity: 'users',
        count: 3,
        reason: 'over the threshold',
        items: { create: [{ sourcedId: 'u-1' }, { sourcedId: 'u-2' }, { sourcedId: 'u-3' }] },
      },
    });
    const discarded = await service.request(`/api/v1/runs/${discardRun.id}/held/discard`, {
      method: 'POST',
      token: districtToken,
    });
    expect(await discarded.json()).toEqual({ runId: discardRun.id, heldStatus: 'DISCARDED' });
    // The roster store's held set is dropped too, not left pending for a later approval.
    expect((await service.prisma.rosterHeldSet.findUniqueOrThrow({ where: { id: heldSet.id } })).status).toBe(
      'discarded',
    );
    expect(
      (
        await service.request(`/api/v1/runs/${discardRun.id}/held/approve`, {
          method: 'POST',
          token: districtToken,
        })
      ).status,
    ).toBe(409);
    expect(await auditActions(approveRun.id)).toEqual(['approve:success']);
    expect(await auditActions(discardRun.id)).toEqual(['discard:success']);
  });
});

describe('roster and presets', () => {
  it('pages the roster with totals, filters and search, scoped to the tenant', async () => {
    const provider = await createProvider({ ...cleverBody, tenantId: 'district-roster' }, platformToken);
    const tenantId = 'district-roster';
    const common = { tenantId, providerId: provider.id, contentHash: 'h' };
    await service.prisma.rosterOrg.createMany({
      data: [
        { ...common, sourcedId: 's-1', name: 'Lincoln Elementary', orgType: 'school' },
        { ...common, sourcedId: 's-2', name: 'Washington High', orgType: 'school' },
        { ...common, sourcedId: 'd-1', name: 'The District', orgType: 'district' },
        { ...common, sourcedId: 's-3', name: 'Closed School', orgType: 'school', active: false },
      ],
    });
    const student = await service.prisma.rosterUser.create({
      data: {
        tenantId,
        role: 'student',
        givenName: 'Maya',
        familyName: 'Lopez',
        email: 'maya@example.org',
        contentHash: 'h',
      },
    });
    await service.prisma.rosterUser.create({
      data: {
        tenantId,
        role: 'teacher',
        givenName: 'Tom',
        familyName: 'Baker',
        email: 'tom@example.org',
        contentHash: 'h',
      },
    });
    await service.prisma.rosterUserLink.create({
      data: {
        tenantId,
        providerId: provider.id,
        sourcedId: 'u-1',
        userId: student.id,
        orgSourcedIds: ['s-1'],
        contentHash: 'h',
      },
    });
    await service.prisma.rosterEnrollment.createMany({
      data: [
        {
          ...common,
          sourcedId: 'e-1',
          classSourcedId: 'c-1',
          userSourcedId: 'u-1',
          role: 'student',
          schoolSourcedId: 's-1',
        },
        {
          ...common,
          sourcedId: 'e-2',
          classSourcedId: 'c-2',
          userSourcedId: 'u-2',
          role: 'teacher',
          schoolSourcedId: 's-1',
        },
      ],
    });
    const get = async (path: string) => {
      const response = await service.request(`/api/v1/tenants/${tenantId}/roster/${path}`, {
        token: platformToken,
      });
      expect(response.status).toBe(200);
      return (await response.json()) as {
        items: Record<string, unknown>[];
        total: number;
        limit: number;
        offset: number;
      };
    };
    const schools = await get('schools?limit=1');
    expect(schools).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(schools.items[0]).toMatchObject({ name: 'Lincoln Elementary' });
    expect((await get('schools?active=all')).total).toBe(3);
    expect((await get('schools?search=WASH')).items.map((item) => item.sourcedId)).toEqual(['s-2']);
    expect((await get('users?role=student')).items.map((item) => item.email)).toEqual(['maya@example.org']);
    expect((await get('users?schoolId=s-1')).total).toBe(1);
    expect((await get('users?search=baker')).items.map((item) => item.givenName)).toEqual(['Tom']);
    expect((await get('enrollments?classId=c-2')).items.map((item) => item.sourcedId)).toEqual(['e-2']);
    expect((await get('classes')).total).toBe(0);
    const other = await service.request(`/api/v1/tenants/${tenantId}/roster/users`, {
      token: otherDistrictToken,
    });
    expect(other.status).toBe(404);
    const badEntity = await service.request(`/api/v1/tenants/${tenantId}/roster/pets`, {
      token: platformToken,
    });
    expect(badEntity.status).toBe(400);
  });

  it('lists the schedule presets of the spec', async () => {
    const body = (await (
      await service.request('/api/v1/schedule-presets', { token: districtToken })
    ).json()) as {
      presets: { name: string; cron: string }[];
    };
    expect(body.presets.map((preset) => `${preset.name}=${preset.cron}`)).toEqual([
      'daily=0 2 * * *',
      'twice-daily=0 2,14 * * *',
      'every-6-hours=0 */6 * * *',
      'weekdays=0 6 * * 1-5',
      'hourly=0 * * * *',
      'weekly=0 0 * * 0',
    ]);
  });
});

describe('key rotation and logs', () => {
  it('re-encrypts every provider under a new key', async () => {
    const provider = await createProvider({ ...cleverBody, name: 'Rotate me' });
    const newCipher = createConfigCipher({
      currentKey: randomBytes(32).toString('base64'),
      previousKeys: [Buffer.alloc(32, 7).toString('base64')],
    });
    const result = await rotateEncryptionKey(service.prisma, newCipher);
    const total = await service.prisma.sisProvider.count();
    expect(result).toEqual({ reEncrypted: total, alreadyCurrent: 0 });
    const stored = await service.prisma.sisProvider.findUniqueOrThrow({ where: { id: provider.id } });
    expect(stored.configKeyId).toBe(newCipher.currentKeyId);
    expect(newCipher.decrypt(stored.configJson, stored.id)).toEqual(cleverBody.config);
    expect(() => service.cipher.decrypt(stored.configJson, stored.id)).toThrow(/not configured/);
    expect(await rotateEncryptionKey(service.prisma, newCipher)).toEqual({
      reEncrypted: 0,
      alreadyCurrent: total,
    });
  });

  it('never writes a secret to the logs', () => {
    const logs = service.logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['clever-secret-value-1', 'sftp-password-1', 'hunter2', platformToken]) {
      expect(logs).not.toContain(secret);
    }
  });
});
