import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinLocal, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { AuthenticationError, ConnectorError } from '@aivo/connector-sdk';
import SftpClient from 'ssh2-sftp-client';
import { hostKeySha256Fingerprint } from './host-key-fingerprint.js';
import type { OneRosterSftpSettings } from './oneroster-csv-config.js';
import type { RosterFileEntry, RosterFileSystem } from './roster-file-system.js';

/** An open SFTP session, with the host key fingerprint the server presented. */
export interface SftpFileSystem extends RosterFileSystem {
  readonly hostKeySha256: string | undefined;
}

/** How remote files are read. */
export interface SftpTransferOptions {
  /** Where downloads are kept while they are read. Defaults to the OS temporary folder. */
  temporaryDirectory?: string;
  /**
   * `download` (default): each file is fetched with pipelined SFTP reads (`fastGet`) to a temporary file,
   * streamed from there, and removed when the read ends; fast, and needs disk space the size of the file.
   * `stream`: read straight from the server one request at a time; no disk, but far slower, since every
   * 64 KB waits for a full round trip.
   */
  remoteFiles?: 'download' | 'stream';
}

const networkErrorCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
]);

/**
 * Connects to the district's SFTP server. When `hostKeySha256` is configured, a server presenting any other
 * host key is refused before credentials are sent. Errors say what to fix, never which secret was used.
 */
export async function connectSftpFileSystem(
  settings: OneRosterSftpSettings,
  { temporaryDirectory, remoteFiles = 'download' }: SftpTransferOptions = {},
): Promise<SftpFileSystem> {
  const address = `${settings.host}:${settings.port}`;
  let privateKey: string | Buffer | undefined = settings.privateKey;
  if (settings.privateKeyPath) {
    try {
      privateKey = await readFile(settings.privateKeyPath);
    } catch (error) {
      throw new ConnectorError('private_key_unreadable', {
        message: `Cannot read the SFTP private key file ${settings.privateKeyPath} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions.`,
        cause: error,
      });
    }
  }

  let seenFingerprint: string | undefined;
  let hostKeyRefused = false;
  const client = new SftpClient();
  try {
    await client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.username,
      ...(privateKey === undefined ? {} : { privateKey }),
      ...(settings.passphrase === undefined ? {} : { passphrase: settings.passphrase }),
      ...(settings.password === undefined ? {} : { password: settings.password }),
      readyTimeout: settings.readyTimeoutMs,
      hostVerifier: (key: Buffer) => {
        seenFingerprint = hostKeySha256Fingerprint(key);
        hostKeyRefused = settings.hostKeySha256 !== undefined && seenFingerprint !== settings.hostKeySha256;
        return !hostKeyRefused;
      },
    });
  } catch (error) {
    await client.end().catch(() => {});
    if (hostKeyRefused) {
      throw new AuthenticationError({
        code: 'host_key_mismatch',
        message: `Refused the SFTP server ${address}: it presented host key ${seenFingerprint}, but ${settings.hostKeySha256} is configured. If the district changed its server key, confirm the new fingerprint with them and update hostKeySha256; otherwise the connection may be intercepted.`,
        cause: error,
      });
    }
    throw describeSftpConnectError(error, settings);
  }

  const describe = (path: string) => `sftp://${address}${path.startsWith('/') ? '' : '/'}${path}`;
  // Each download's removal, started at most once, so `close()` can wait for removals already under way.
  const removals = new Map<string, Promise<void>>();
  const removeFolder = (folder: string) => {
    const removal = removals.get(folder) ?? rm(folder, { recursive: true, force: true }).catch(() => {});
    removals.set(folder, removal);
    return removal;
  };
  const temporaryFolders = new Set<string>();

  async function download(path: string): Promise<{ path: string; cleanup(): Promise<void> }> {
    const folder = await mkdtemp(joinLocal(temporaryDirectory ?? tmpdir(), 'aivo-oneroster-'));
    temporaryFolders.add(folder);
    const cleanup = () => removeFolder(folder);
    const localPath = joinLocal(folder, posix.basename(path));
    try {
      await client.fastGet(path, localPath);
    } catch (error) {
      await cleanup();
      throw new ConnectorError('download_failed', {
        message: `Could not download ${describe(path)}: ${(error as Error).message}`,
        cause: error,
        isRetryable: true,
      });
    }
    return { path: localPath, cleanup };
  }

  return {
    hostKeySha256: seenFingerprint,
    describe,
    join: (...segments) => posix.join(...segments),
    async kind(path) {
      const found = await client.exists(path);
      if (found === false) return 'missing';
      // A symbolic link (e.g. `current -> 2024-08-01`) is judged by its target.
      if (found === 'l') return (await client.stat(path)).isDirectory ? 'directory' : 'file';
      return found === 'd' ? 'directory' : 'file';
    },
    async list(path): Promise<RosterFileEntry[]> {
      const entries = await client.list(path);
      return entries.map((entry) => ({
        name: entry.name,
        type: entry.type === 'd' ? 'directory' : entry.type === '-' ? 'file' : 'other',
      }));
    },
    async openRead(path): Promise<Readable> {
      if (remoteFiles === 'stream') return client.createReadStream(path) as unknown as Readable;
      const copy = await download(path);
      const stream = createReadStream(copy.path);
      stream.once('close', () => void copy.cleanup());
      return stream;
    },
    // Zip needs random access to its central directory; SFTP streams do not seek, so download first.
    localCopy: download,
    async close() {
      await client.end().catch(() => {});
      await Promise.all([...temporaryFolders].map(removeFolder));
    },
  };
}

/** Turns an SSH connect failure into an error a district admin can act on. */
export function describeSftpConnectError(error: unknown, settings: OneRosterSftpSettings): ConnectorError {
  const address = `${settings.host}:${settings.port}`;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (/cannot parse privatekey|unsupported key format|encrypted private key/i.test(message)) {
    return new ConnectorError('invalid_private_key', {
      message: `The SFTP private key for ${address} could not be used (${message.replace(/^.*?:\s*/, '')}): give an OpenSSH or PEM private key, and its passphrase if it is encrypted.`,
      cause: error,
    });
  }
  if (/authentication methods failed|auth.*fail/i.test(message)) {
    return new AuthenticationError({
      message: `The SFTP server ${address} refused the login for user "${settings.username}": check the user name and the ${settings.password ? 'password' : 'private key'} registered with the district.`,
      cause: error,
    });
  }
  if ((code && networkErrorCodes.has(code)) || /timed out|handshake|getaddrinfo|connect E/i.test(message)) {
    return new ConnectorError('network_error', {
      message: `Could not reach the SFTP server ${address} (${code ?? message}): check the host name and port, and that this service is allowed through the district's firewall.`,
      cause: error,
      isRetryable: true,
    });
  }
  return new ConnectorError('sftp_error', {
    message: `SFTP connection to ${address} failed: ${message}`,
    cause: error,
    isRetryable: true,
  });
}
