import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseFingerprint, fingerprintDatabase } from '../support/database-fingerprint.js';
import { endpointCatalog, publicPaths, type TenantResources } from '../support/endpoint-catalog.js';
import { expectClientError } from '../support/expect-client-error.js';
import {
  type ReliabilityService,
  startReliabilityService,
  testJwtSecret,
} from '../support/reliability-service.js';
import { waitForRunEnd } from '../support/wait-for-run.js';

// Tenant isolation, authentication and roles on every endpoint.
const providerNames = { 'district-a': 'Alpha Clever', 'district-b': 'Bravo Clever' } as const;

async function createTenantResources(
  harness: ReliabilityService,
  platformToken: string,
  tenantId: keyof typeof providerNames,
): Promise<TenantResources> {
  const created = await harness.request('/api/v1/providers', {
    method: 'POST',
    token: platformToken,
    body: {
      tenantId,
      providerType: 'CLEVER',
      name: providerNames[tenantId],
      // A closed loopback port: the run fails at once, without leaving the machine.
      config: {
        clientId: `${tenantId}-client`,
        clientSecret: `${tenantId}-top-secret`,
        districtId: 'd',
        apiBaseUrl: 'http://127.0.0.1:9',
        oauthBaseUrl: 'http://127.0.0.1:9',
      },
    },
  });
  expect(created.status).toBe(201);
  const providerId = ((await created.json()) as { id: string }).id;
  // A real run record (it fails: nothing listens there), so run endpoints have a target.
  const triggered = await harness.request(`/api/v1/providers/${providerId}/sync`, {
    method: 'POST',
    token: platformToken,
    body: {},
  });
  expect(triggered.status).toBe(202);
  const runId = ((await triggered.json()) as { runId: string }).runId;
  await waitForRunEnd(harness, platformToken, runId);
  return { tenantId, providerId, runId };
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access control', () => {
  let harness: ReliabilityService;
  let platformToken: string;
  let alpha: TenantResources;
  let bravo: TenantResources;

  beforeAll(async () => {
    harness = await startReliabilityService();
    platformToken = await harness.token({ role: 'PLATFORM_ADMIN' });
    alpha = await createTenantResources(harness, platformToken, 'district-a');
    bravo = await createTenantResources(harness, platformToken, 'district-b');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('the endpoint catalog covers every path of the OpenAPI document', async () => {
    const document = (await (await harness.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const catalog = endpointCatalog({ tenantId: '{tenantId}', providerId: '{providerId}', runId: '{runId}' });
    const covered = new Set(
      catalog.map((call) => `${call.method} ${call.path.replace('/api/v1', '').replace(/\?.*$/, '')}`),
    );
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        const concrete = path.replace('{entity}', 'users');
        const key = `${method.toUpperCase()} ${concrete}`;
        expect(covered.has(key), `${key} is missing from the endpoint catalog`).toBe(true);
      }
    }
  });

  it("a district admin gets 404 and none of the other tenant's data on every endpoint; nothing changes", async () => {
    const alphaAdmin = await harness.token({
      role: 'DISTRICT_ADMIN',
      tenantId: 'district-a',
      subject: 'alpha-admin',
    });
    const before: DatabaseFingerprint = await fingerprintDatabase(harness.service.database.pool);
    for (const call of endpointCatalog(bravo).filter((candidate) => candidate.tenantScoped !== false)) {
      const response = await harness.request(call.path, {
        method: call.method,
        token: alphaAdmin,
        body: call.body,
      });
      const text = await response.clone().text();
      const context = `${call.method} ${call.path} as district-a`;
      await expectClientError(response, context);
      expect(response.status, context).toBe(404);
      expect(text, context).not.toContain(providerNames['district-b']);
      expect(text, context).not.toContain('district-b-top-secret');
      expect(text, context).not.toContain('district-b-client');
    }
    expect(await fingerprintDatabase(harness.service.database.pool)).toEqual(before);
  });

  it('the same district admin reaches its own tenant on every read endpoint (the 404s above are isolation)', async () => {
    const alphaAdmin = await harness.token({ role: 'DISTRICT_ADMIN', tenantId: 'district-a' });
    for (const call of endpointCatalog(alpha).filter((candidate) => candidate.method === 'GET')) {
      const response = await harness.request(call.path, { token: alphaAdmin });
      expect(response.status, `${call.path}: ${await response.clone().text()}`).toBe(200);
    }
    const list = (await (
      await harness.request('/api/v1/tenants/district-a/providers', { token: alphaAdmin })
    ).json()) as {
      providers: Array<{ tenantId: string }>;
    };
    expect(list.providers.map((provider) => provider.tenantId)).toEqual(['district-a']);
  });

  it('every endpoint refuses a request without a token (401) and other roles (403); public paths stay open', async () => {
    const teacher = await harness.token({ role: 'TEACHER', tenantId: 'district-a' });
    const tenantless = await harness.token({ role: 'DISTRICT_ADMIN' });
    const before = await fingerprintDatabase(harness.service.database.pool);
    for (const call of endpointCatalog(alpha)) {
      const anonymous = await harness.request(call.path, { method: call.method, body: call.body });
      await expectClientError(anonymous, `${call.method} ${call.path} anonymous`);
      expect(anonymous.status, `${call.method} ${call.path} anonymous`).toBe(401);
      for (const [label, token] of [
        ['TEACHER', teacher],
        ['DISTRICT_ADMIN without tenantId', tenantless],
      ] as const) {
        const response = await harness.request(call.path, { method: call.method, body: call.body, token });
        await expectClientError(response, `${call.method} ${call.path} ${label}`);
        expect(response.status, `${call.method} ${call.path} ${label}`).toBe(403);
      }
    }
    expect(await fingerprintDatabase(harness.service.database.pool)).toEqual(before);
    for (const path of publicPaths) expect((await harness.request(path)).status, path).toBe(200);
  });

  it('refuses tokens with a bad signature, alg none, expiry, missing claims, or no Bearer scheme (401)', async () => {
    const secret = new TextEncoder().encode(testJwtSecret);
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'mallory', role: 'PLATFORM_ADMIN' };
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-different-secret-that-is-long-enough-0123456789'));
    const valid = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(secret);
    const [validHeader, validPayload] = valid.split('.');
    const unsigned = `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url({ ...claims, iat: now })}.`;
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(secret);
    const notYetValid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setNotBefore(now + 3600)
      .sign(secret);
    const withoutRole = await new SignJWT({ sub: 'mallory' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secret);
    const withoutSubject = await new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secret);
    const hs512 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new TextEncoder().encode(testJwtSecret.repeat(2)));
    const tamperedPayload = `${validHeader}.${base64Url({ ...claims, role: 'PLATFORM_ADMIN', sub: 'root' })}.${valid.split('.')[2]}`;
    const badTokens: Record<string, string> = {
      'bad signature': forged,
      'alg none': unsigned,
      'alg none with the valid signature kept': `${base64Url({ alg: 'none' })}.${validPayload}.${valid.split('.')[2]}`,
      expired,
      'not yet valid': notYetValid,
      'missing role': withoutRole,
      'missing sub': withoutSubject,
      'other HMAC algorithm': hs512,
      'tampered payload': tamperedPayload,
      garbage: 'not.a.token',
      empty: '',
    };
    for (const [label, token] of Object.entries(badTokens)) {
      const response = await harness.request('/api/v1/tenants/district-a/providers', {
        headers: { authorization: `Bearer ${token}` },
      });
      const error = await expectClientError(response, label);
      expect(response.status, label).toBe(401);
      expect(error.error.message, label).not.toContain(testJwtSecret);
    }
    for (const header of [`Basic ${valid}`, valid, `Bearer  `, `Token ${valid}`]) {
      const response = await harness.request('/api/v1/tenants/district-a/providers', {
        headers: { authorization: header },
      });
      expect(response.status, header.slice(0, 10)).toBe(401);
    }
    const queryToken = await harness.request(`/api/v1/tenants/district-a/providers?access_token=${valid}`);
    expect(queryToken.status).toBe(401);
    // The genuine token is accepted, so the refusals above are about the token, not the request.
    const accepted = await harness.request('/api/v1/tenants/district-a/providers', {
      headers: { authorization: `Bearer ${valid}` },
    });
    expect(accepted.status).toBe(200);
  });
});
