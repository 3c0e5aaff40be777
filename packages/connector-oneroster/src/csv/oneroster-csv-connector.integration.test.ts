import { appendFile, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordIssue, type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import { collect, describeConnectorContract } from '@aivo/connector-sdk/testing';
import {
  createDistrict,
  generateSshKeyPair,
  type SftpServer,
  startSftpServer,
  writeOneRosterCsv,
} from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOneRosterCsvConnector, type OneRosterCsvRuntimeOptions } from './oneroster-csv-connector.js';

const dayOne = createDistrict({ seed: 21, size: 'tiny' });
const dayTwo = dayOne.nextDay();
const truth = dayOne.groundTruth();
const clientKey = generateSshKeyPair('connector-test');
const password = 'sftp-password-123';

let root: string;
let server: SftpServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneroster-sftp-'));
  await writeOneRosterCsv({ district: dayOne, out: join(root, 'bulk') });
  await writeOneRosterCsv({
    district: dayOne,
    out: join(root, 'bulk.zip'),
    format: 'zip',
    bom: true,
    lineEnding: '\r\n',
  });
  await writeOneRosterCsv({ district: dayTwo, previous: dayOne, out: join(root, 'delta'), mode: 'delta' });
  // Dated drops: the newest is still being uploaded (users.csv missing), so the one before it is read.
  await writeOneRosterCsv({ district: dayOne, out: join(root, 'dated', '2025-09-01'), format: 'zip' });
  await writeOneRosterCsv({ district: dayTwo, out: join(root, 'dated', '2025-09-02') });
  await writeOneRosterCsv({ district: dayTwo, out: join(root, 'dated', '2025-09-03') });
  await unlink(join(root, 'dated', '2025-09-03', 'users.csv'));
  await writeOneRosterCsv({ district: dayOne, out: join(root, 'no-users') });
  await unlink(join(root, 'no-users', 'users.csv'));
  await writeOneRosterCsv({ district: dayOne, out: join(root, 'no-manifest') });
  await unlink(join(root, 'no-manifest', 'manifest.csv'));
  await writeOneRosterCsv({ district: dayOne, out: join(root, 'bad-header') });
  await writeFile(
    join(root, 'bad-header', 'orgs.csv'),
    'sourcedId,status,dateLastModified,name,type,identifier\n',
  );
  await writeOneRosterCsv({ district: dayOne, out: join(root, 'bad-rows') });
  await appendFile(
    join(root, 'bad-rows', 'users.csv'),
    [
      'bad1,,,true,x,student,u,,Only,Four',
      ',,,true,x,student,u,,No,Id,,,,,,,,',
      'bad3,,,true,x,wizard,u,,Wiz,Ard,,,,,,,,',
      'bad4,,2025-02-30,true,x,student,u,,Bad,Date,,,,,,,,',
    ]
      .join('\n')
      .concat('\n'),
  );
  server = await startSftpServer({ root, password, authorizedKeys: [clientKey.publicKey] });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

function sftpWithKey(
  remotePath: string,
  extra: Record<string, unknown> = {},
  runtime: OneRosterCsvRuntimeOptions = {},
) {
  return createOneRosterCsvConnector(
    {
      sftp: {
        host: server.host,
        port: server.port,
        username: server.username,
        privateKey: clientKey.privateKey,
        hostKeySha256: server.hostKeyFingerprint,
        ...extra,
      },
      remotePath,
    },
    runtime,
  );
}

async function countAll(connector: ReturnType<typeof sftpWithKey>, since?: Date) {
  const counts: Partial<Record<RosterEntity, number>> = {};
  const issues: RecordIssue[] = [];
  for (const entity of rosterEntities) {
    const records = await collect<unknown>(
      connector[entity]({
        onIssue: (issue) => issues.push(issue),
        ...(since ? { since } : {}),
      }) as AsyncIterable<unknown>,
    );
    counts[entity] = records.length;
  }
  return { counts, issues };
}

describe('OneRoster CSV connector over the simulator SFTP server', () => {
  it('reads a bulk folder with key auth and a pinned host key: exactly the ground truth', async () => {
    const downloads = await mkdtemp(join(tmpdir(), 'oneroster-downloads-'));
    try {
      const connector = sftpWithKey('/bulk', {}, { temporaryDirectory: downloads });
      const { counts, issues } = await countAll(connector);
      expect(counts).toEqual(truth.records);
      expect(issues).toEqual([]);
      for await (const _enrollment of connector.enrollments()) break;
      expect(await readdir(downloads)).toEqual([]);
    } finally {
      await rm(downloads, { recursive: true, force: true });
    }
  });

  it('also streams files straight from the server when asked (no download)', async () => {
    const connector = sftpWithKey('/bulk', {}, { remoteFiles: 'stream' });
    expect((await collect(connector.users())).length).toBe(truth.records.users);
  });

  it('reads a zip (BOM, CRLF) with password auth: exactly the ground truth, leaving no download behind', async () => {
    const downloads = await mkdtemp(join(tmpdir(), 'oneroster-downloads-'));
    const connector = createOneRosterCsvConnector(
      {
        sftp: { host: server.host, port: server.port, username: server.username, password },
        remotePath: '/bulk.zip',
      },
      { temporaryDirectory: downloads },
    );
    const { counts } = await countAll(connector);
    expect(counts).toEqual(truth.records);
    for await (const _user of connector.users()) break;
    expect(await readdir(downloads)).toEqual([]);
    const check = await connector.testConnection();
    expect(check).toMatchObject({ success: true, details: { hostKeySha256: server.hostKeyFingerprint } });
    expect(await readdir(downloads)).toEqual([]);
    await rm(downloads, { recursive: true, force: true });
  });

  it('reads a delta folder with since: exactly the day-2 changes, deletions as tobedeleted', async () => {
    const connector = sftpWithKey('/delta');
    await expect(collect(connector.users())).rejects.toMatchObject({ code: 'delta_file_needs_since' });
    const expected = dayTwo.deltaRecords(dayOne);
    for (const entity of rosterEntities) {
      const read = await collect<{ sourcedId: string; status: string }>(
        connector[entity]({ since: new Date(dayOne.snapshotTime) }) as AsyncIterable<{
          sourcedId: string;
          status: string;
        }>,
      );
      const wanted = [...expected[entity]].map((record) => `${record.sourcedId}:${record.status}`);
      expect(read.map((record) => `${record.sourcedId}:${record.status}`)).toEqual(wanted);
    }
    const deleted = (await collect(connector.enrollments({ since: new Date(0) }))).filter(
      (record) => record.status === 'tobedeleted',
    );
    expect(deleted.length).toBeGreaterThan(0);
  });

  it('picks the newest complete dated drop', async () => {
    const connector = sftpWithKey('/dated');
    const info = await connector.inspect();
    expect(info.location).toContain('/dated/2025-09-02');
    expect((await collect(connector.users())).length).toBe(dayTwo.groundTruth().records.users);
  });

  it('refuses a server whose host key does not match, naming the key it saw', async () => {
    const connector = sftpWithKey('/bulk', {
      hostKeySha256: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    const check = await connector.testConnection();
    expect(check).toMatchObject({ success: false, code: 'host_key_mismatch' });
    expect(check.message).toContain(server.hostKeyFingerprint);
    await expect(collect(connector.orgs())).rejects.toMatchObject({ code: 'host_key_mismatch' });
  });

  it('tells a refused login and an unreachable server apart', async () => {
    const wrongPassword = createOneRosterCsvConnector({
      sftp: { host: server.host, port: server.port, username: server.username, password: 'wrong-password' },
      remotePath: '/bulk',
    });
    const refused = await wrongPassword.testConnection();
    expect(refused).toMatchObject({ success: false, code: 'authentication_failed' });
    expect(refused.message).not.toContain('wrong-password');
    const closed = await startSftpServer({ root, password });
    const port = closed.port;
    await closed.close();
    const unreachable = createOneRosterCsvConnector({
      sftp: { host: '127.0.0.1', port, username: 'sis', password, readyTimeoutMs: 5_000 },
      remotePath: '/bulk',
    });
    expect(await unreachable.testConnection()).toMatchObject({ success: false, code: 'network_error' });
  });

  it('says when the private key cannot be used', async () => {
    const check = await sftpWithKey('/bulk', { privateKey: 'not a key' }).testConnection();
    expect(check).toMatchObject({ success: false, code: 'invalid_private_key' });
  });

  it('fails only the entity whose declared file is missing', async () => {
    const connector = sftpWithKey('/no-users');
    await expect(collect(connector.users())).rejects.toMatchObject({ code: 'source_file_missing' });
    expect((await collect(connector.enrollments())).length).toBe(truth.records.enrollments);
  });

  it('fails every read when the manifest is missing, and says so in testConnection', async () => {
    const connector = sftpWithKey('/no-manifest');
    await expect(collect(connector.orgs())).rejects.toMatchObject({ code: 'manifest_missing' });
    expect(await connector.testConnection()).toMatchObject({ success: false, code: 'manifest_missing' });
    expect(await sftpWithKey('/nowhere').testConnection()).toMatchObject({ code: 'path_missing' });
  });

  it('names the missing column of a wrong header', async () => {
    await expect(collect(sftpWithKey('/bad-header').orgs())).rejects.toThrow(
      /orgs\.csv has the wrong header \(missing columns: parentSourcedId\)/,
    );
  });

  it('reports bad rows with file and line, skips them, and reads the rest', async () => {
    const issues: RecordIssue[] = [];
    const users = await collect(sftpWithKey('/bad-rows').users({ onIssue: (issue) => issues.push(issue) }));
    expect(users.length).toBe(truth.records.users);
    const firstBadLine = truth.records.users + 2;
    expect(issues.map((issue) => [issue.code, issue.location?.line])).toEqual([
      ['wrong_column_count', firstBadLine],
      ['invalid_record', firstBadLine + 1],
      ['invalid_record', firstBadLine + 2],
      ['invalid_record', firstBadLine + 3],
    ]);
    expect(issues[0]?.location?.file).toMatch(/^sftp:\/\/127\.0\.0\.1:\d+\/bad-rows\/users\.csv$/);
  });

  it('throws, never a short list, when the connection drops mid-file (download and stream)', async () => {
    for (const remoteFiles of ['download', 'stream'] as const) {
      server.setFaults([
        { kind: 'disconnect-mid-file', match: (path) => path.endsWith('enrollments.csv'), afterBytes: 2000 },
      ]);
      try {
        let received = 0;
        const read = async () => {
          for await (const _enrollment of sftpWithKey('/bulk', {}, { remoteFiles }).enrollments())
            received += 1;
        };
        await expect(read()).rejects.toThrow();
        expect(received).toBeLessThan(truth.records.enrollments);
      } finally {
        server.setFaults([]);
      }
    }
  });
});

// The contract suite runs on the local path (the same reader; SFTP connects take about a second each here),
// and the SFTP-specific release on break/abort is checked above.
describeConnectorContract('OneRoster CSV connector (simulator CSV set)', {
  create: async () => ({ connector: createOneRosterCsvConnector({ localPath: join(root, 'bulk.zip') }) }),
  expectations: { nonEmpty: [...rosterEntities], connectionSucceeds: true },
});
