import { ApiCallError, type RecordIssue } from '@aivo/connector-sdk';
import {
  collect,
  createFakeClock,
  describeConnectorContract,
  type LoopbackServer,
  startLoopbackServer,
} from '@aivo/connector-sdk/testing';
import { createDistrict, type OneRosterServer, startOneRosterServer } from '@aivo/sis-simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClassLinkConnectorSettings, createClassLinkConnector } from './classlink-connector.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startServer(options: Partial<Parameters<typeof startOneRosterServer>[0]> = {}) {
  const server = await startOneRosterServer({
    district: createDistrict({ seed: 5, size: 'tiny' }),
    flavour: 'classlink',
    ...options,
  });
  closers.push(() => server.close());
  return server;
}

function connectorFor(server: OneRosterServer, settings: Partial<ClassLinkConnectorSettings> = {}) {
  return createClassLinkConnector({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    tenantId: '4242',
    baseUrl: server.baseUrl,
    ...settings,
  });
}

describeConnectorContract('ClassLink connector against the simulator (ClassLink flavour)', {
  create: async () => {
    const server = await startOneRosterServer({
      district: createDistrict({ seed: 9, size: 'tiny' }),
      flavour: 'classlink',
    });
    return { connector: connectorFor(server, { pageSize: 7 }), cleanup: () => server.close() };
  },
  expectations: {
    nonEmpty: ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'],
    connectionSucceeds: true,
  },
});

describe('ClassLink connector against the simulator', () => {
  it('reads exact counts matching the generator’s ground truth, with string booleans parsed', async () => {
    const district = createDistrict({ seed: 5, size: 'small' });
    const truth = district.groundTruth();
    const server = await startServer({ district });
    const classlink = connectorFor(server);
    const issues: RecordIssue[] = [];
    const onIssue = (issue: RecordIssue) => issues.push(issue);

    const users = await collect(classlink.users({ onIssue }));
    for (const role of ['student', 'teacher', 'administrator', 'aide', 'guardian'] as const) {
      expect(
        users.filter((user) => user.role === role),
        role,
      ).toHaveLength(truth.usersByRole[role]);
    }
    expect(users.every((user) => user.enabledUser === true)).toBe(true);
    expect(await collect(classlink.classes({ onIssue }))).toHaveLength(truth.records.classes);
    const enrollments = await collect(classlink.enrollments({ onIssue }));
    expect(enrollments.filter((enrollment) => enrollment.role === 'student')).toHaveLength(
      truth.enrollmentsByRole.student,
    );
    expect(enrollments.filter((enrollment) => enrollment.role === 'teacher')).toHaveLength(
      truth.enrollmentsByRole.teacher,
    );
    expect(enrollments.filter((enrollment) => enrollment.primary === true)).toHaveLength(
      truth.primaryTeacherEnrollments,
    );
    expect(issues).toEqual([]);
    // Large pages: 1,000-odd users in one request.
    const userPages = server.requests.filter((request) => request.path.endsWith('/users'));
    expect(userPages).toHaveLength(1);
    expect(userPages[0]?.url).toContain('limit=10000');
  });

  it('signs OAuth 1.0a as ClassLink’s library does: HMAC-SHA256, no oauth_version, entries joined by ","', async () => {
    const server = await startServer();
    const authorizations: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      authorizations.push(new Headers(init?.headers).get('authorization') ?? '');
      return fetch(input, init);
    };
    const orgs = await collect(connectorFor(server, { fetch: recordingFetch }).orgs());
    expect(orgs.length).toBeGreaterThan(0);
    expect(authorizations.length).toBeGreaterThan(0);
    for (const authorization of authorizations) {
      expect(authorization).toMatch(/^OAuth /);
      expect(authorization).toContain('oauth_signature_method="HMAC-SHA256"');
      expect(authorization).not.toContain('oauth_version');
      expect(authorization).not.toMatch(/", oauth_/);
    }
  });

  it('reads everything when the server silently caps the page size', async () => {
    const district = createDistrict({ seed: 5, size: 'small' });
    const server = await startServer({ district, capLimit: 150 });
    const users = await collect(connectorFor(server).users());
    expect(users).toHaveLength(district.groundTruth().records.users);
  });

  it('waits out 429 cool-downs and completes', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const district = createDistrict({ seed: 5, size: 'tiny' });
    const server = await startServer({ district, now: clock.now });
    server.setFaults([
      { kind: 'rate-limit-burst', count: 2, retryAfterSeconds: 3, match: (url) => url.includes('/classes') },
    ]);
    const classes = await collect(connectorFor(server, { clock }).classes());
    expect(classes).toHaveLength(district.groundTruth().records.classes);
    expect(server.requests.filter((request) => request.status === 429)).toHaveLength(2);
  });

  it('backs off with jitter on 5xx, and throws when the server keeps failing — never a short list', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const server = await startServer({
      district: createDistrict({ seed: 5, size: 'small' }),
      now: clock.now,
    });
    server.setFaults([
      { kind: 'status', status: 503, match: (url) => url.includes('offset=') && !url.includes('offset=0') },
    ]);
    const read = collect(connectorFor(server, { clock, pageSize: 100, random: () => 0.5 }).enrollments());
    await expect(read).rejects.toSatisfy((error) => ApiCallError.isInstance(error) && error.status === 503);
    // Six retries with full jitter: each wait is half of its exponential step at random = 0.5.
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
  });
});

describe('ClassLink connector deltas', () => {
  it('reads the day-2 changes of users since the day-1 snapshot, deletions as tobedeleted', async () => {
    const day1 = createDistrict({ seed: 5, size: 'small' });
    const day2 = day1.nextDay();
    const server = await startServer({ district: day1 });
    server.setDistrict(day2);
    const changes = day2.changesSince(day1).users;
    const delta = await collect(connectorFor(server).users({ since: new Date(day1.snapshotTime) }));
    const ids = (status: string) =>
      delta
        .filter((user) => user.status === status)
        .map((user) => user.sourcedId)
        .sort();
    expect(ids('tobedeleted')).toEqual([...changes.deleted].sort());
    expect(ids('active')).toEqual([...changes.created, ...changes.updated].sort());
  });
});

describe('ClassLink server discovery (OneRoster applications API)', () => {
  async function startProxy(server: OneRosterServer): Promise<LoopbackServer> {
    const proxy = await startLoopbackServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.headers.authorization !== 'Bearer module-api-key') {
        response.statusCode = 401;
        response.end(JSON.stringify({ status: 0, error: 'Unauthorized' }));
        return;
      }
      if (request.url === '/applications') {
        response.end(
          JSON.stringify({
            status: 1,
            applications: [
              {
                id: 1,
                tenant_name: 'Other District',
                tenant_id: 1111,
                oneroster_application_id: 'AbC%3D',
                name: 'App',
              },
              {
                id: 2,
                tenant_name: 'Springfield USD',
                tenant_id: 4242,
                oneroster_application_id: 'MoYPlyQWmG0%3D',
                name: 'App',
              },
            ],
          }),
        );
        return;
      }
      if (request.url === '/applications/MoYPlyQWmG0%3D/server') {
        response.end(
          JSON.stringify({
            status: 1,
            server: {
              client_id: server.clientId,
              client_secret: server.clientSecret,
              endpoint_url: server.url,
            },
            message: 'ok',
          }),
        );
        return;
      }
      response.statusCode = 404;
      response.end(JSON.stringify({ status: 0, error: 'Not found' }));
    });
    closers.push(() => proxy.close());
    return proxy;
  }

  it('finds the tenant’s Roster Server, key and secret, then reads it', async () => {
    const district = createDistrict({ seed: 5, size: 'tiny' });
    const server = await startServer({ district });
    const proxy = await startProxy(server);
    const classlink = createClassLinkConnector({
      tenantId: '4242',
      discovery: { apiKey: 'module-api-key', proxyUrl: proxy.url },
    });
    const check = await classlink.testConnection();
    expect(check, check.message).toMatchObject({ success: true });
    expect(await collect(classlink.classes())).toHaveLength(district.groundTruth().records.classes);
    expect(proxy.requests.map((request) => request.url)).toEqual([
      '/applications',
      '/applications/MoYPlyQWmG0%3D/server',
    ]);
  });

  it('says when the API key is refused or the tenant has not granted access', async () => {
    const server = await startServer();
    const proxy = await startProxy(server);
    const badKey = createClassLinkConnector({
      tenantId: '4242',
      discovery: { apiKey: 'wrong-key', proxyUrl: proxy.url },
    });
    expect(await badKey.testConnection()).toMatchObject({ success: false, code: 'invalid_api_key' });
    const otherTenant = createClassLinkConnector({
      tenantId: '9999',
      discovery: { apiKey: 'module-api-key', proxyUrl: proxy.url },
    });
    expect(await otherTenant.testConnection()).toMatchObject({
      success: false,
      code: 'tenant_not_authorized',
    });
    await expect(collect(otherTenant.users())).rejects.toThrow(/tenant id 9999/);
  });
});
