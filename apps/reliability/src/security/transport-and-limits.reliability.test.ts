import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneRosterCsvConnector } from '@aivo/connector-oneroster';
import { AuthenticationError } from '@aivo/connector-sdk';
import {
  createDistrict,
  generateSshKeyPair,
  sshFingerprint,
  startSftpServer,
  writeOneRosterCsv,
} from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintDatabase } from '../support/database-fingerprint.js';
import { type ReliabilityService, startReliabilityService } from '../support/reliability-service.js';

// Transport security (SFTP host keys, https source URLs) and request-size limits.
const tenantId = 'district-transport';

describe('SFTP host key pinning', () => {
  let root: string;
  let server: Awaited<ReturnType<typeof startSftpServer>>;
  const password = 'sftp-password-H1k2';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'aivo-reliability-hostkey-'));
    await writeOneRosterCsv({
      district: createDistrict({ seed: 77, size: 'tiny' }),
      out: join(root, 'exports'),
    });
    server = await startSftpServer({ root, password });
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a server whose host key differs from the pinned fingerprint, before sending the password', async () => {
    const impostorFingerprint = sshFingerprint(generateSshKeyPair('impostor').publicKey);
    expect(impostorFingerprint).not.toBe(server.hostKeyFingerprint);
    const connector = createOneRosterCsvConnector({
      sftp: {
        host: server.host,
        port: server.port,
        username: server.username,
        password,
        hostKeySha256: impostorFingerprint,
      },
      remotePath: '/exports',
    });
    server.clearRequests();
    let thrown: unknown;
    try {
      for await (const _user of connector.users({ signal: AbortSignal.timeout(30_000), onIssue: () => {} })) {
        throw new Error('a record was read from a server with the wrong host key');
      }
    } catch (error) {
      thrown = error;
    }
    expect(AuthenticationError.isInstance(thrown), String(thrown)).toBe(true);
    expect((thrown as AuthenticationError).code).toBe('host_key_mismatch');
    expect((thrown as Error).message).toContain(server.hostKeyFingerprint);
    expect((thrown as Error).message).not.toContain(password);
    // No file was opened or listed.
    expect(server.requests.filter((entry) => /open|read|list|stat/i.test(JSON.stringify(entry)))).toEqual([]);
  });

  it('the right fingerprint reads the files (so the refusal above is about the key)', async () => {
    const connector = createOneRosterCsvConnector({
      sftp: {
        host: server.host,
        port: server.port,
        username: server.username,
        password,
        hostKeySha256: server.hostKeyFingerprint,
      },
      remotePath: '/exports',
    });
    server.clearRequests();
    let users = 0;
    for await (const _user of connector.users({ signal: AbortSignal.timeout(30_000), onIssue: () => {} }))
      users += 1;
    expect(users).toBeGreaterThan(0);
    // The same request-log filter that is empty above sees the reads here.
    expect(
      server.requests.filter((entry) => /open|read|list|stat/i.test(JSON.stringify(entry))).length,
    ).toBeGreaterThan(0);
  });
});

describe('source URL policy and request limits of the API', () => {
  let database: ReliabilityService;
  let production: ReliabilityService;
  let token: string;

  beforeAll(async () => {
    // Production mode refuses the embedded database: a development instance provides it, without workers.
    database = await startReliabilityService();
    production = await startReliabilityService({
      databaseUrl: database.service.database.url,
      environment: { NODE_ENV: 'production' },
    });
    token = await production.token({ role: 'PLATFORM_ADMIN' });
  });
  afterAll(async () => {
    await production?.close();
    await database?.close();
  });

  const create = (providerType: string, config: Record<string, unknown>) =>
    production.request('/api/v1/providers', {
      method: 'POST',
      token,
      body: { tenantId, providerType, name: `${providerType} policy`, config },
    });

  it('accepts https source URLs in production', async () => {
    const response = await create('ONEROSTER_API', {
      baseUrl: 'https://sis.example.com/ims/oneroster/v1p1',
      clientId: 'c',
      clientSecret: 's',
    });
    expect(response.status, await response.clone().text()).toBe(201);
  });

  // Finding R-1 (docs/reliability.md), fixed: plain-http source URLs would let client secrets and student data
  // cross the network unencrypted; production refuses them unless the host is in SIS_ALLOW_INSECURE_HOSTS.
  it('refuses plain-http OneRoster/Clever/ClassLink URLs to non-loopback hosts in production (R-1)', async () => {
    const before = await fingerprintDatabase(production.service.database.pool);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'ONEROSTER_API',
        { baseUrl: 'http://sis.example.com/ims/oneroster/v1p1', clientId: 'c', clientSecret: 's' },
        'config.baseUrl',
      ],
      [
        'CLEVER',
        { clientId: 'c', clientSecret: 's', districtId: 'd', apiBaseUrl: 'http://api.clever.example' },
        'config.apiBaseUrl',
      ],
      [
        'CLASSLINK',
        { clientId: 'c', clientSecret: 's', tenantId: '1', baseUrl: 'http://10.1.2.3/ims' },
        'config.baseUrl',
      ],
    ];
    for (const [providerType, config, path] of cases) {
      const response = await create(providerType, config);
      const text = await response.text();
      expect(response.status, `${providerType} ${text}`).toBe(400);
      expect(text).toContain(path);
    }
    expect(await fingerprintDatabase(production.service.database.pool)).toEqual(before);
  });

  // Finding R-2, fixed: request bodies over 1 MB are refused with 413, config strings have length limits.
  it('refuses a 2 MB request body with 413, and over-long config strings with 400 (R-2)', async () => {
    const before = await fingerprintDatabase(production.service.database.pool);
    const huge = await create('CLEVER', {
      clientId: 'c',
      clientSecret: 'x'.repeat(2 * 1024 * 1024),
      districtId: 'd',
    });
    expect(huge.status).toBe(413);
    const long = await create('CLEVER', { clientId: 'y'.repeat(50_000), clientSecret: 's', districtId: 'd' });
    expect(long.status).toBe(400);
    expect(await fingerprintDatabase(production.service.database.pool)).toEqual(before);
  });
});
