import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDistrict,
  startCleverServer,
  startOneRosterServer,
  startSftpServer,
  writeOneRosterCsv,
} from '@aivo/sis-simulator';
import { createConfigCipher } from '@aivo/sis-sync-svc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStoredText } from '../support/collect-stored-text.js';
import {
  type ReliabilityService,
  startReliabilityService,
  testEncryptionKey,
  testJwtSecret,
} from '../support/reliability-service.js';
import { runServiceCli } from '../support/service-cli.js';
import { waitForRunEnd } from '../support/wait-for-run.js';

// Secrets are write-only and never leak: API answers, logs (LOG_LEVEL=debug), runs, issues, audit, jobs.
const tenantId = 'district-secrets';
const secrets = {
  cleverSecret: 'clever-client-secret-S1a9',
  cleverWrongSecret: 'clever-wrong-secret-W7q2',
  cleverAccessToken: 'clever-bogus-access-token-T4m8',
  classLinkSecret: 'classlink-client-secret-C3k5',
  oneRosterSecret: 'oneroster-client-secret-O2r6',
  oneRosterWrongSecret: 'oneroster-wrong-secret-X8v1',
  sftpPassword: 'sftp-password-P5z3',
  sftpWrongPassword: 'sftp-wrong-password-Q6n4',
  // A fake key in the shape of one; assembled at run time so no key-like block sits in the repository.
  sftpPrivateKey: pemBlock('OPENSSH PRIVATE KEY', 'not-a-real-key-K9d7'),
};
const secretValues = Object.values(secrets);

function pemBlock(label: string, body: string): string {
  return [`-----BEGIN ${label}-----`, body, `-----END ${label}-----`].join('\n');
}

/** The secret and its encodings an HTTP client may put in a header (Basic auth, base64). */
function secretForms(clientIds: string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secretValues) {
    forms.add(secret);
    forms.add(Buffer.from(secret).toString('base64'));
    forms.add(encodeURIComponent(secret));
    for (const clientId of clientIds) forms.add(Buffer.from(`${clientId}:${secret}`).toString('base64'));
  }
  // The private key's distinctive line, in case it is logged without its frame.
  forms.add('not-a-real-key-K9d7');
  return [...forms];
}

function expectNoSecret(text: string, where: string, forms: string[]): void {
  for (const form of forms)
    expect(text.includes(form), `a secret (${form.slice(0, 12)}…) appears in ${where}`).toBe(false);
}

describe('secrets', () => {
  let harness: ReliabilityService;
  let token: string;
  const responses: Array<{ where: string; text: string }> = [];
  const providerIds: string[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  const clientIds = ['clever-client', 'classlink-client', 'oneroster-client'];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await harness.request(path, { method, token, body });
    const text = await response.text();
    responses.push({ where: `${method} ${path} → ${response.status}`, text });
    return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const district = createDistrict({ seed: 1010, size: 'tiny' });
    const clever = await startCleverServer({
      district,
      clientId: 'clever-client',
      clientSecret: secrets.cleverSecret,
    });
    const oneRoster = await startOneRosterServer({
      district,
      clientId: 'oneroster-client',
      clientSecret: secrets.oneRosterSecret,
    });
    const classLink = await startOneRosterServer({
      district,
      flavour: 'classlink',
      clientId: 'classlink-client',
      clientSecret: secrets.classLinkSecret,
    });
    const root = await mkdtemp(join(tmpdir(), 'aivo-reliability-sftp-'));
    await writeOneRosterCsv({ district, out: join(root, 'exports') });
    const sftp = await startSftpServer({ root, password: secrets.sftpPassword });
    closers.push(
      () => clever.close(),
      () => oneRoster.close(),
      () => classLink.close(),
      () => sftp.close(),
      () => rm(root, { recursive: true, force: true }),
    );
    // The real executor: syncs read the simulator (or fail on its refusals) with LOG_LEVEL=debug.
    harness = await startReliabilityService({ syncExecution: true });
    token = await harness.token({ role: 'PLATFORM_ADMIN' });
    const sftpBase = {
      host: sftp.host,
      port: sftp.port,
      username: sftp.username,
      hostKeySha256: sftp.hostKeyFingerprint,
    };
    const bodies = [
      {
        providerType: 'CLEVER',
        name: 'Clever (right secret)',
        config: {
          clientId: 'clever-client',
          clientSecret: secrets.cleverSecret,
          districtId: clever.districtId,
          apiBaseUrl: clever.url,
          oauthBaseUrl: clever.url,
        },
      },
      {
        providerType: 'CLEVER',
        name: 'Clever (wrong secret and token)',
        config: {
          clientId: 'clever-client',
          clientSecret: secrets.cleverWrongSecret,
          accessToken: secrets.cleverAccessToken,
          districtId: clever.districtId,
          apiBaseUrl: clever.url,
          oauthBaseUrl: clever.url,
        },
      },
      {
        providerType: 'CLASSLINK',
        name: 'ClassLink',
        config: {
          clientId: 'classlink-client',
          clientSecret: secrets.classLinkSecret,
          tenantId: '42',
          baseUrl: classLink.baseUrl,
        },
      },
      {
        providerType: 'ONEROSTER_API',
        name: 'OneRoster (right secret)',
        config: {
          baseUrl: oneRoster.baseUrl,
          clientId: 'oneroster-client',
          clientSecret: secrets.oneRosterSecret,
        },
      },
      {
        providerType: 'ONEROSTER_API',
        name: 'OneRoster (wrong secret)',
        config: {
          baseUrl: oneRoster.baseUrl,
          clientId: 'oneroster-client',
          clientSecret: secrets.oneRosterWrongSecret,
        },
      },
      {
        providerType: 'ONEROSTER_CSV',
        name: 'CSV (right password)',
        config: { sftp: { ...sftpBase, password: secrets.sftpPassword }, remotePath: '/exports' },
      },
      {
        providerType: 'ONEROSTER_CSV',
        name: 'CSV (wrong password)',
        config: { sftp: { ...sftpBase, password: secrets.sftpWrongPassword }, remotePath: '/exports' },
      },
      {
        providerType: 'ONEROSTER_CSV',
        name: 'CSV (unusable private key)',
        config: { sftp: { ...sftpBase, privateKey: secrets.sftpPrivateKey }, remotePath: '/exports' },
      },
    ];
    for (const body of bodies) {
      const created = await call('POST', '/api/v1/providers', { tenantId, ...body });
      expect(created.status, created.text).toBe(201);
      providerIds.push(created.json().id as string);
    }
  });
  afterAll(async () => {
    await harness?.close();
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  it('every provider type answers with secret markers, never values, on create, read, list and update', async () => {
    for (const id of providerIds) {
      const read = await call('GET', `/api/v1/providers/${id}`);
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.json().config)).toMatch(/\{"set":true\}/);
      // A blank secret on update keeps the stored one and is still answered as a marker.
      const updated = await call('PATCH', `/api/v1/providers/${id}`, {
        name: `${read.json().name as string} `,
      });
      expect(updated.status, updated.text).toBe(200);
    }
    const list = await call('GET', `/api/v1/tenants/${tenantId}/providers`);
    expect(list.status).toBe(200);
    for (const response of responses) expectNoSecret(response.text, response.where, secretForms(clientIds));
  });

  it('connection tests and syncs of every provider (debug logging) leak no secret into answers, logs, runs, issues, audit or jobs', async () => {
    const runIds: string[] = [];
    for (const id of providerIds) {
      await call('POST', `/api/v1/providers/${id}/test`);
      const started = await call('POST', `/api/v1/providers/${id}/sync`, {});
      expect(started.status, started.text).toBe(202);
      runIds.push(started.json().runId as string);
    }
    const statuses: string[] = [];
    for (const runId of runIds) {
      const run = await waitForRunEnd(harness, token, runId);
      statuses.push(run.status);
      responses.push({ where: `run ${runId}`, text: JSON.stringify(run) });
      await call('GET', `/api/v1/runs/${runId}/issues?limit=1000`);
      await call('GET', `/api/v1/runs/${runId}/issues?format=csv`);
    }
    for (const id of providerIds) {
      await call('GET', `/api/v1/providers/${id}/runs`);
      await call('GET', `/api/v1/providers/${id}/sync/status`);
    }
    // Real syncs ran: the four providers with the right credentials succeeded, the four others failed.
    expect(
      statuses.filter((status) => status === 'SUCCESS'),
      statuses.join(', '),
    ).toHaveLength(4);
    expect(
      statuses.filter((status) => status === 'FAILURE'),
      statuses.join(', '),
    ).toHaveLength(4);
    const forms = secretForms(clientIds);
    for (const response of responses) expectNoSecret(response.text, response.where, forms);
    expect(harness.logLines.length).toBeGreaterThan(0);
    expect(harness.logLines.some((line) => line.includes('"level":20'))).toBe(true);
    for (const [index, line] of harness.logLines.entries())
      expectNoSecret(line, `log line ${index}: ${line.slice(0, 200)}`, forms);
    for (const row of await collectStoredText(harness.service.database.pool)) {
      expectNoSecret(row.text, `a row of ${row.table}`, forms);
    }
  });

  it('the stored provider rows hold AES-GCM envelopes bound to their row, not plaintext', async () => {
    const pool = harness.service.database.pool;
    const rows = await pool.query<{ id: string; config_json: string; config_key_id: string }>(
      'SELECT id, config_json, config_key_id FROM sis_providers WHERE tenant_id = $1 ORDER BY id',
      [tenantId],
    );
    expect(rows.rows).toHaveLength(providerIds.length);
    const cipher = createConfigCipher({ currentKey: testEncryptionKey });
    for (const row of rows.rows) {
      expect(row.config_json).toMatch(/^v1:[0-9a-f]{16}:/);
      expect(row.config_key_id).toBe(cipher.currentKeyId);
      // Decrypts with the key (so the test sees real envelopes), and only for its own row.
      expect(cipher.decrypt(row.config_json, row.id)).toBeTypeOf('object');
      const other = rows.rows.find((candidate) => candidate.id !== row.id)!;
      expect(() => cipher.decrypt(row.config_json, other.id)).toThrow();
    }
  });

  it('a ciphertext copied onto another provider row is refused, not used with the other row’s secrets', async () => {
    const pool = harness.service.database.pool;
    const [source, target] = providerIds;
    await pool.query(
      'UPDATE sis_providers SET config_json = (SELECT config_json FROM sis_providers WHERE id = $1) WHERE id = $2',
      [source, target],
    );
    const read = await call('GET', `/api/v1/providers/${target}`);
    expect(read.status).toBe(500);
    expect(read.text).not.toContain('clever-client');
    const started = await call('POST', `/api/v1/providers/${target}/sync`, {});
    expect(started.status, started.text).toBe(202);
    const run = await waitForRunEnd(harness, token, started.json().runId as string);
    expect(run.status).toBe('FAILURE');
    expect(run.errorMessage ?? '').toMatch(/config|decrypt|key/i);
    await call('DELETE', `/api/v1/providers/${target}`);
    providerIds.splice(1, 1);
  });

  it('a service with the wrong encryption key fails loudly: 500 without internals, a log naming the key, a FAILURE run saying what to set', async () => {
    const wrongKey = Buffer.alloc(32, 99).toString('base64');
    const other = await startReliabilityService({
      databaseUrl: harness.service.database.url,
      environment: { SIS_CONFIG_ENCRYPTION_KEY: wrongKey },
    });
    try {
      const otherToken = await other.token({ role: 'PLATFORM_ADMIN' });
      const read = await other.request(`/api/v1/providers/${providerIds[0]}`, { token: otherToken });
      expect(read.status).toBe(500);
      expect(await read.text()).not.toMatch(/secret|v1:/i);
      expect(other.logLines.some((line) => line.includes('SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS'))).toBe(true);
      const started = await other.request(`/api/v1/providers/${providerIds[0]}/sync`, {
        method: 'POST',
        token: otherToken,
        body: {},
      });
      expect(started.status).toBe(202);
      const runId = ((await started.json()) as { runId: string }).runId;
      const run = await waitForRunEnd(other, otherToken, runId);
      expect(run.status).toBe('FAILURE');
      // Either replica may execute the job; the one with the wrong key must say which variable to set.
      if (run.errorMessage?.includes('key'))
        expect(run.errorMessage).toContain('SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS');
      for (const line of other.logLines)
        expectNoSecret(line, 'wrong-key service log', secretForms(clientIds));
    } finally {
      await other.service.stop();
    }
  });

  it('sis-sync rotate-key re-encrypts every provider under the new key; the old key alone then reads nothing', async () => {
    const pool = harness.service.database.pool;
    const before = await pool.query<{ id: string; config_json: string }>(
      'SELECT id, config_json FROM sis_providers ORDER BY id',
    );
    const oldCipher = createConfigCipher({ currentKey: testEncryptionKey });
    const plain = new Map(before.rows.map((row) => [row.id, oldCipher.decrypt(row.config_json, row.id)]));
    const newKey = Buffer.alloc(32, 42).toString('base64');
    const result = await runServiceCli(['rotate-key'], {
      DATABASE_URL: harness.service.database.url,
      SIS_CONFIG_ENCRYPTION_KEY: newKey,
      SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS: testEncryptionKey,
      JWT_SECRET: testJwtSecret,
      LOG_LEVEL: 'debug',
    });
    expect(result.code, result.stderr).toBe(0);
    expectNoSecret(result.stdout + result.stderr, 'rotate-key output', secretForms(clientIds));
    const newCipher = createConfigCipher({ currentKey: newKey });
    const after = await pool.query<{ id: string; config_json: string; config_key_id: string }>(
      'SELECT id, config_json, config_key_id FROM sis_providers ORDER BY id',
    );
    expect(after.rows.map((row) => row.id)).toEqual(before.rows.map((row) => row.id));
    for (const row of after.rows) {
      expect(row.config_key_id).toBe(newCipher.currentKeyId);
      expect(newCipher.decrypt(row.config_json, row.id)).toEqual(plain.get(row.id));
      expect(() => oldCipher.decrypt(row.config_json, row.id)).toThrow(/SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS/);
    }
    expect(result.stdout).toContain(`Re-encrypted ${before.rows.length} provider config(s)`);
    // Running again finds nothing left to re-encrypt.
    const again = await runServiceCli(['rotate-key'], {
      DATABASE_URL: harness.service.database.url,
      SIS_CONFIG_ENCRYPTION_KEY: newKey,
      SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS: testEncryptionKey,
      JWT_SECRET: testJwtSecret,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Re-encrypted 0 provider config(s)`);
    expect(again.stdout).toContain(`${before.rows.length} already used it`);
  });
});
