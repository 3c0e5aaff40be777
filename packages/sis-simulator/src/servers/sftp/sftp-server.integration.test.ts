import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SftpServer, type SftpServerOptions, startSftpServer } from './sftp-server.js';
import { generateSshKeyPair, sshFingerprint } from './ssh-keys.js';

let folder: string;
let root: string;
const servers: SftpServer[] = [];
const clients: SftpClient[] = [];
const clientKeys = generateSshKeyPair('test client');
const rsaPair = ssh2.utils.generateKeyPairSync('rsa', { bits: 2048, comment: 'rsa test client' });
const rsaKeys = { privateKey: rsaPair.private, publicKey: rsaPair.public };
const fileContent = `sourcedId,status\r\n${'x'.repeat(200_000)}\r\n`;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sftp-server-test-'));
  root = join(folder, 'root');
  await mkdir(join(root, 'exports', 'oneroster'), { recursive: true });
  await writeFile(join(root, 'exports', 'oneroster', 'users.csv'), fileContent);
  await writeFile(join(root, 'exports', 'oneroster', 'manifest.csv'), 'propertyName,value\r\n');
  await writeFile(join(folder, 'outside.txt'), 'secret');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Partial<SftpServerOptions> = {}) {
  const server = await startSftpServer({
    root,
    password: 'pw',
    authorizedKeys: [clientKeys.publicKey, rsaKeys.publicKey],
    ...options,
  });
  servers.push(server);
  return server;
}

/** Connects while pinning the host key by its SHA256 fingerprint, as a careful client does. */
async function connect(server: SftpServer, auth: { password?: string; privateKey?: string }) {
  const client = new SftpClient();
  clients.push(client);
  let seenFingerprint: string | undefined;
  await client.connect({
    host: server.host,
    port: server.port,
    username: server.username,
    ...auth,
    hostVerifier: (key: Buffer) => {
      seenFingerprint = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
      return seenFingerprint === server.hostKeyFingerprint;
    },
    retries: 0,
    readyTimeout: 10_000,
  } as SftpClient.ConnectOptions);
  return { client, seenFingerprint };
}

describe('SFTP simulator', () => {
  it('serves list, stat, get and streams with password auth and a pinned host key', async () => {
    const server = await start();
    expect(server.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const { client, seenFingerprint } = await connect(server, { password: 'pw' });
    expect(seenFingerprint).toBe(server.hostKeyFingerprint);
    const listing = await client.list('/exports/oneroster');
    expect(listing.map((entry) => [entry.name, entry.type]).sort()).toEqual([
      ['manifest.csv', '-'],
      ['users.csv', '-'],
    ]);
    expect((await client.list('/exports')).map((entry) => entry.type)).toEqual(['d']);
    const stats = await client.stat('/exports/oneroster/users.csv');
    expect(stats.size).toBe(Buffer.byteLength(fileContent));
    expect(stats.isFile).toBe(true);
    const content = (await client.get('/exports/oneroster/users.csv')) as Buffer;
    expect(content.toString()).toBe(fileContent);
    const chunks: Buffer[] = [];
    const stream = client.createReadStream('/exports/oneroster/manifest.csv');
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('propertyName,value\r\n');
    expect(await client.exists('/exports/oneroster/nothing.csv')).toBe(false);
    expect(server.requests.some((entry) => entry.method === 'OPEN' && entry.path.endsWith('users.csv'))).toBe(
      true,
    );
  });

  it('is read-only and never serves files outside its root', async () => {
    const server = await start();
    const { client } = await connect(server, { password: 'pw' });
    await expect(client.put(Buffer.from('x'), '/exports/new.csv')).rejects.toThrow();
    await expect(client.get('/../outside.txt')).rejects.toThrow();
    expect(await client.exists('/../outside.txt')).toBe(false);
  });

  it('accepts the authorized ed25519 and RSA keys and refuses a wrong key or password', async () => {
    const server = await start();
    const { client } = await connect(server, { privateKey: clientKeys.privateKey });
    expect((await client.list('/')).map((entry) => entry.name)).toEqual(['exports']);
    const { client: rsaClient } = await connect(server, { privateKey: rsaKeys.privateKey });
    expect((await rsaClient.list('/')).map((entry) => entry.name)).toEqual(['exports']);
    await expect(connect(server, { privateKey: generateSshKeyPair().privateKey })).rejects.toThrow();
    await expect(connect(server, { password: 'wrong' })).rejects.toThrow();
  });

  it('keeps the same host key fingerprint across restarts with a host key path', async () => {
    const hostKeyPath = join(folder, 'keys', 'host_ed25519');
    const first = await start({ hostKeyPath });
    const fingerprint = first.hostKeyFingerprint;
    await first.close();
    const second = await start({ hostKeyPath });
    expect(second.hostKeyFingerprint).toBe(fingerprint);
    expect(sshFingerprint(await readFile(hostKeyPath, 'utf8'))).toBe(fingerprint);
    const other = await start();
    expect(other.hostKeyFingerprint).not.toBe(fingerprint);
    const { seenFingerprint } = await connect(second, { password: 'pw' });
    expect(seenFingerprint).toBe(fingerprint);
  });
});
