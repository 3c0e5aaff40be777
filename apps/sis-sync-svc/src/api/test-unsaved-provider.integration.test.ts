import {
  type CleverServer,
  createDistrict,
  type OneRosterServer,
  startCleverServer,
  startOneRosterServer,
} from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../test-support/start-test-service.js';

// The service's own connection test (its default) against simulated districts on loopback.
let service: TestService;
let clever: CleverServer;
let oneRoster: OneRosterServer;
let districtToken: string;
let otherDistrictToken: string;

beforeAll(async () => {
  const district = createDistrict({ seed: 11, size: 'tiny' });
  [service, clever, oneRoster] = await Promise.all([
    startTestService(),
    startCleverServer({ district }),
    startOneRosterServer({ district }),
  ]);
  districtToken = await service.token({ role: 'DISTRICT_ADMIN', tenantId: 'district-7', subject: 'dana' });
  otherDistrictToken = await service.token({ role: 'DISTRICT_ADMIN', tenantId: 'district-8' });
});

afterAll(async () => {
  await Promise.all([service?.close(), clever?.close(), oneRoster?.close()]);
});

function cleverConfig(clientSecret = clever.clientSecret) {
  return {
    clientId: clever.clientId,
    clientSecret,
    districtId: clever.districtId,
    apiBaseUrl: clever.url,
    oauthBaseUrl: clever.url,
  };
}

async function testUnsaved(body: Record<string, unknown>, token = districtToken) {
  const response = await service.request('/api/v1/providers/test', { method: 'POST', token, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function providerCount(): Promise<number> {
  const result = await service.database.pool.query('SELECT count(*)::int AS count FROM sis_providers');
  return (result.rows[0] as { count: number }).count;
}

async function unsavedTestAudits() {
  return service.prisma.auditLog.findMany({ where: { action: 'test_unsaved' }, orderBy: { id: 'asc' } });
}

describe('POST /providers/test (a config that is not saved)', () => {
  it('connects to a simulated Clever and a OneRoster server, stores no provider and audits without secrets', async () => {
    const auditsBefore = (await unsavedTestAudits()).length;
    const passed = await testUnsaved({
      tenantId: 'district-7',
      providerType: 'CLEVER',
      config: cleverConfig(),
    });
    expect(passed).toEqual({ status: 200, body: { success: true, message: expect.any(String) } });

    const oneRosterConfig = {
      baseUrl: oneRoster.baseUrl,
      clientId: oneRoster.clientId,
      clientSecret: oneRoster.clientSecret,
    };
    const oneRosterPassed = await testUnsaved({
      tenantId: 'district-7',
      providerType: 'ONEROSTER_API',
      config: oneRosterConfig,
    });
    expect(oneRosterPassed.body).toMatchObject({ success: true });

    expect(await providerCount()).toBe(0);
    const audits = (await unsavedTestAudits()).slice(auditsBefore);
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      actor: 'dana',
      actorRole: 'DISTRICT_ADMIN',
      tenantId: 'district-7',
      resourceType: 'provider',
      resourceId: null,
      outcome: 'success',
      detailJson: { providerType: 'CLEVER', message: passed.body.message },
    });
    expect(audits[1]).toMatchObject({ outcome: 'success', detailJson: { providerType: 'ONEROSTER_API' } });
    const auditText = JSON.stringify(audits.map((audit) => audit.detailJson));
    expect(auditText).not.toContain(clever.clientSecret);
    expect(auditText).not.toContain(oneRoster.clientSecret);
  });

  it('says the credentials are wrong, without echoing them, and audits the failure', async () => {
    const wrongSecret = 'wrong-clever-secret-42';
    const refused = await testUnsaved({
      tenantId: 'district-7',
      providerType: 'CLEVER',
      config: cleverConfig(wrongSecret),
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ success: false, reason: 'invalid_client_credentials' });
    expect(refused.body.message).toMatch(/refused the client id and secret/);
    expect(JSON.stringify(refused.body)).not.toContain(wrongSecret);
    const audit = (await unsavedTestAudits()).at(-1);
    expect(audit).toMatchObject({
      outcome: 'failure',
      detailJson: { providerType: 'CLEVER', reason: 'invalid_client_credentials' },
    });
    expect(JSON.stringify(audit?.detailJson)).not.toContain(wrongSecret);
    expect(await providerCount()).toBe(0);
  });

  it('refuses a bad config with field paths, like POST /providers', async () => {
    const auditsBefore = (await unsavedTestAudits()).length;
    const missing = await testUnsaved({
      tenantId: 'district-7',
      providerType: 'CLEVER',
      config: { clientId: 'c', districtId: 'd' },
    });
    expect(missing.status).toBe(400);
    const issues = (missing.body as { error: { code: string; details: { issues: { path: string }[] } } })
      .error;
    expect(issues.code).toBe('validation_failed');
    expect(issues.details.issues.map((issue) => issue.path)).toContain('config.clientSecret');

    const noTokenUrl = await testUnsaved({
      tenantId: 'district-7',
      providerType: 'ONEROSTER_API',
      config: { baseUrl: oneRoster.baseUrl, clientId: 'c', clientSecret: 's', auth: 'oauth2' },
    });
    expect(noTokenUrl.status).toBe(400);
    expect(
      (noTokenUrl.body as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map(
        (issue) => issue.path,
      ),
    ).toEqual(['config.tokenUrl']);

    const unknownType = await testUnsaved({
      tenantId: 'district-7',
      providerType: 'POWERSCHOOL',
      config: {},
    });
    expect(unknownType.status).toBe(400);
    // Only tenant, type and config: a name or schedule belongs to the create request.
    const extraField = await testUnsaved({
      tenantId: 'district-7',
      providerType: 'CLEVER',
      name: 'x',
      config: cleverConfig(),
    });
    expect(extraField.status).toBe(400);
    expect((await unsavedTestAudits()).length).toBe(auditsBefore);
  });

  it('keeps a district admin to its own tenant and refuses other roles, testing nothing', async () => {
    const auditsBefore = (await unsavedTestAudits()).length;
    const elsewhere = await testUnsaved(
      { tenantId: 'district-7', providerType: 'CLEVER', config: cleverConfig() },
      otherDistrictToken,
    );
    expect(elsewhere.status).toBe(404);
    const teacher = await service.token({ role: 'TEACHER', tenantId: 'district-7' });
    const asTeacher = await testUnsaved(
      { tenantId: 'district-7', providerType: 'CLEVER', config: cleverConfig() },
      teacher,
    );
    expect(asTeacher.status).toBe(403);
    const anonymous = await service.request('/api/v1/providers/test', {
      method: 'POST',
      body: { tenantId: 'district-7', providerType: 'CLEVER', config: cleverConfig() },
    });
    expect(anonymous.status).toBe(401);
    expect((await unsavedTestAudits()).length).toBe(auditsBefore);
    expect(await providerCount()).toBe(0);
  });

  it('leaves the saved-provider test and GET /providers/{id} routes as they were', async () => {
    const created = await service.request('/api/v1/providers', {
      method: 'POST',
      token: districtToken,
      body: { tenantId: 'district-7', providerType: 'CLEVER', name: 'Saved', config: cleverConfig() },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const tested = await service.request(`/api/v1/providers/${id}/test`, {
      method: 'POST',
      token: districtToken,
    });
    expect(await tested.json()).toMatchObject({ success: true });
    const audit = await service.prisma.auditLog.findFirstOrThrow({
      where: { resourceId: id, action: 'test' },
    });
    expect(audit).toMatchObject({ outcome: 'success', detailJson: { providerType: 'CLEVER' } });
    // "test" is not a provider id: GET answers the id's validation error, not a provider.
    const asId = await service.request('/api/v1/providers/test', { token: districtToken });
    expect(asId.status).toBe(400);
    await service.request(`/api/v1/providers/${id}`, { method: 'DELETE', token: districtToken });
  });
});
