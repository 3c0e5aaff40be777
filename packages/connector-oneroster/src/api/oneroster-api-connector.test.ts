import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordIssue } from '@aivo/connector-sdk';
import { collect, type LoopbackServer, startLoopbackServer } from '@aivo/connector-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createOneRosterApiConnector } from './oneroster-api-connector.js';

const secret = 'super-secret-value-42';
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const users = [
  {
    sourcedId: 'u1',
    status: 'active',
    dateLastModified: '2024-08-01T00:00:00Z',
    enabledUser: 'true',
    role: 'student',
    givenName: 'Ana',
    familyName: 'Lee',
    orgs: [{ href: 'https://x/orgs/s1', sourcedId: 's1', type: 'school' }],
    agents: [],
    grades: ['9'],
    userIds: [{ type: 'FED', identifier: '18125' }],
    sms: '',
    password: 'hunter2',
  },
  {
    sourcedId: 'u2',
    status: 'active',
    enabledUser: false,
    role: 'teacher',
    givenName: 'Bob',
    familyName: 'Ray',
    orgs: [{ sourcedId: 's1' }],
  },
  { sourcedId: 'u3', status: 'active', role: 'student', givenName: 'Cy', familyName: 'Po', orgs: 's1' },
  { sourcedId: 'u4', status: 'active', role: 'student', givenName: 'Di', familyName: 'Ng', orgs: [] },
  { sourcedId: 'u5', status: 'tobedeleted', role: 'student', givenName: 'Ed', familyName: 'Oz', orgs: [] },
];

/** A server that silently caps `limit` at 2 and wraps users in the non-standard `students` key. */
async function startCappedServer(headers: 'none' | 'total' | 'link') {
  return startLoopbackServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const page = users.slice(offset, offset + 2);
    response.setHeader('content-type', 'application/json');
    if (headers === 'total') response.setHeader('x-total-count', String(users.length));
    if (headers === 'link' && offset + 2 < users.length) {
      response.setHeader('link', `<${url.pathname}?limit=2&offset=${offset + 2}>; rel="next"`);
    }
    if (headers === 'link' && offset + 2 >= users.length) response.setHeader('link', '<x>; rel="first"');
    response.end(JSON.stringify({ students: page }));
  });
}

describe('createOneRosterApiConnector reads', () => {
  for (const headers of ['none', 'total', 'link'] as const) {
    it(`reads every user from a server that caps limit (paging hints: ${headers})`, async () => {
      server = await startCappedServer(headers);
      const connector = createOneRosterApiConnector({
        baseUrl: server.url,
        clientId: 'key',
        clientSecret: secret,
        pageSize: 100,
      });
      const issues: RecordIssue[] = [];
      const read = await collect(connector.users({ onIssue: (issue) => issues.push(issue) }));
      expect(read.map((user) => user.sourcedId)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
      expect(read[0]).toMatchObject({
        enabledUser: true,
        orgSourcedIds: ['s1'],
        grades: ['09'],
        userIds: [{ type: 'FED', identifier: '18125' }],
      });
      expect(read[0]?.raw).not.toHaveProperty('password');
      expect(read[1]).toMatchObject({ enabledUser: false, role: 'teacher' });
      expect(read[4]?.status).toBe('tobedeleted');
      expect(issues).toEqual([]);
      expect(server.requests[0]?.headers.authorization).toMatch(
        /^OAuth .*oauth_signature_method="HMAC-SHA256"/,
      );
    });
  }

  it('sends the delta filter and reports bad records with their page URL', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-total-count', '2');
      response.end(
        JSON.stringify({
          enrollments: [
            {
              sourcedId: 'e1',
              status: 'tobedeleted',
              user: { sourcedId: 'u1' },
              class: { sourcedId: 'c1' },
              role: 'student',
              primary: 'false',
            },
            { sourcedId: 'e2', status: 'active', user: { sourcedId: 'u1' }, role: 'student' },
          ],
        }),
      );
    });
    const connector = createOneRosterApiConnector({
      baseUrl: `${server.url}/ims/oneroster/v1p1/`,
      clientId: 'key',
      clientSecret: secret,
    });
    const issues: RecordIssue[] = [];
    const read = await collect(
      connector.enrollments({
        since: new Date('2024-08-01T00:00:00Z'),
        onIssue: (issue) => issues.push(issue),
      }),
    );
    expect(read.map((enrollment) => [enrollment.sourcedId, enrollment.status])).toEqual([
      ['e1', 'tobedeleted'],
    ]);
    const requested = new URL(server.requests[0]!.url, 'http://localhost');
    expect(requested.pathname).toBe('/ims/oneroster/v1p1/enrollments');
    expect(requested.searchParams.get('filter')).toBe("dateLastModified>'2024-08-01T00:00:00.000Z'");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sourcedId: 'e2', code: 'invalid_record' });
    expect(issues[0]?.location?.url).toContain('/enrollments?');
  });

  it('throws on a response without the expected list instead of yielding nothing', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: [] }));
    });
    const connector = createOneRosterApiConnector({
      baseUrl: server.url,
      clientId: 'key',
      clientSecret: secret,
    });
    await expect(collect(connector.orgs())).rejects.toMatchObject({ code: 'not_oneroster_response' });
  });
});

describe('testConnection', () => {
  async function checkAgainst(status: number, body: string, contentType = 'application/json') {
    server = await startLoopbackServer((_request, response) => {
      response.statusCode = status;
      response.setHeader('content-type', contentType);
      response.end(body);
    });
    const connector = createOneRosterApiConnector({
      baseUrl: server.url,
      clientId: 'key',
      clientSecret: secret,
    });
    const check = await connector.testConnection();
    expect(check.message).not.toContain(secret);
    return check;
  }

  it('succeeds on a OneRoster orgs answer', async () => {
    expect(await checkAgainst(200, JSON.stringify({ orgs: [] }))).toMatchObject({ success: true });
  });
  it('tells bad credentials (401)', async () => {
    expect(await checkAgainst(401, `{"imsx_description":"bad signature ${secret}"}`)).toMatchObject({
      success: false,
      code: 'authentication_failed',
    });
  });
  it('tells forbidden (403)', async () => {
    expect(await checkAgainst(403, '{}')).toMatchObject({ success: false, code: 'forbidden' });
  });
  it('tells a wrong base URL (404, HTML, other JSON)', async () => {
    expect(await checkAgainst(404, 'not found', 'text/plain')).toMatchObject({
      code: 'not_oneroster_endpoint',
    });
    await server?.close();
    expect(await checkAgainst(200, '<html><body>Login</body></html>', 'text/html')).toMatchObject({
      code: 'not_oneroster_endpoint',
    });
    await server?.close();
    expect(await checkAgainst(200, '{"hello":"world"}')).toMatchObject({ code: 'not_oneroster_endpoint' });
  });

  it('tells an unreachable host', async () => {
    const closed = await startLoopbackServer(() => {});
    const baseUrl = closed.url;
    await closed.close();
    const connector = createOneRosterApiConnector({ baseUrl, clientId: 'key', clientSecret: secret });
    expect(await connector.testConnection()).toMatchObject({ success: false, code: 'network_error' });
    const unknownHost = createOneRosterApiConnector({
      baseUrl: 'http://no-such-host.invalid',
      clientId: 'key',
      clientSecret: secret,
    });
    expect(await unknownHost.testConnection()).toMatchObject({ success: false, code: 'host_not_found' });
  });

  // Needs the openssl command to make a throw-away certificate (Node cannot create one itself).
  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  it.skipIf(!hasOpenssl)('tells a TLS failure (self-signed certificate)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'oneroster-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(folder, 'key.pem'),
          '-out',
          join(folder, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const https = createHttpsServer(
        { key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) },
        (_request, response) => {
          response.setHeader('content-type', 'application/json');
          response.end('{"orgs":[]}');
        },
      );
      await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = https.address() as AddressInfo;
        const connector = createOneRosterApiConnector({
          baseUrl: `https://127.0.0.1:${port}`,
          clientId: 'key',
          clientSecret: secret,
        });
        const check = await connector.testConnection();
        expect(check).toMatchObject({ success: false, code: 'tls_error' });
        expect(check.message).toContain('SELF_SIGNED');
      } finally {
        https.closeAllConnections();
        await new Promise((resolve) => https.close(resolve));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('oneRosterApiConfigSchema', () => {
  it('refuses unknown fields and oauth2 without a token URL', () => {
    expect(() =>
      createOneRosterApiConnector({
        baseUrl: 'https://x',
        clientId: 'a',
        clientSecret: 'b',
        tenant: 1,
      } as never),
    ).toThrow(/tenant/);
    expect(() =>
      createOneRosterApiConnector({ baseUrl: 'https://x', clientId: 'a', clientSecret: 'b', auth: 'oauth2' }),
    ).toThrow(/tokenUrl/);
    expect(() =>
      createOneRosterApiConnector({ baseUrl: 'ftp://x', clientId: 'a', clientSecret: secret }),
    ).toThrow(/baseUrl/);
  });
});
