import { timingSafeEqual } from 'node:crypto';
import type { Stats } from 'node:fs';
import { type FileHandle, open, readdir, realpath, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { posix, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ssh2 from 'ssh2';
import type { Fault } from '../../faults/fault.js';
import { sftpFaultKinds } from '../../faults/fault.js';
import { FaultSchedule } from '../../faults/fault-schedule.js';
import { RequestLog, type RequestLogEntry } from '../../faults/request-log.js';
import { generateSshKeyPair, loadOrCreateHostKey, parsedKeyFingerprint, parseSshKey } from './ssh-keys.js';

const { Server, utils } = ssh2;
const { STATUS_CODE, OPEN_MODE } = utils.sftp;

/** Options of {@link startSftpServer}. */
export interface SftpServerOptions {
  /** The local folder served (read-only) as the SFTP root `/`. */
  root: string;
  /** The only accepted user name. Default `sis`. */
  username?: string;
  /** Accept this password (password auth is off when absent). */
  password?: string;
  /** Accepted client public keys (`ssh-ed25519 AAAA…` / `ssh-rsa AAAA…` lines). */
  authorizedKeys?: Array<string | Buffer>;
  /** The host private key. When absent, `hostKeyPath` is used, else a key is generated for this run. */
  hostKey?: string | Buffer;
  /** Where the host key is kept; generated there on first start so the fingerprint stays stable. */
  hostKeyPath?: string;
  faults?: Fault[];
  now?: () => number;
  port?: number;
}

/** A running SFTP simulator. */
export interface SftpServer {
  readonly host: string;
  readonly port: number;
  /** e.g. `sftp://sis@127.0.0.1:2222/` */
  readonly url: string;
  readonly username: string;
  /** The host key fingerprint as OpenSSH prints it (`SHA256:…`), for pinning. */
  readonly hostKeyFingerprint: string;
  /** The host public key as an OpenSSH line (`ssh-ed25519 AAAA…`), e.g. for known_hosts. */
  readonly hostPublicKey: string;
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
  setFaults(faults: Fault[]): void;
  close(): Promise<void>;
}

type OpenHandle =
  | { kind: 'file'; path: string; file: FileHandle; size: number; served: number; disconnectAfter?: number }
  | { kind: 'directory'; path: string; local: string; listed: boolean };

function sameBytes(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}

function attributesOf(stats: Stats): ssh2.Attributes {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

/** An `ls -l` line; ssh2-sftp-client reads the type and permissions from it. */
function longName(name: string, stats: Stats): string {
  const type = stats.isDirectory() ? 'd' : stats.isSymbolicLink() ? 'l' : '-';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((letter, position) => (stats.mode & (0o400 >> position) ? letter : '-'))
    .join('');
  const date = stats.mtime.toISOString().slice(0, 16).replace('T', ' ');
  return `${type}${bits} 1 sis sis ${String(stats.size).padStart(8)} ${date} ${name}`;
}

const writeFlags = OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC | OPEN_MODE.EXCL;

/**
 * Starts a real SSH server (the `ssh2` package) on 127.0.0.1 whose SFTP subsystem serves `root`
 * read-only: realpath, stat/lstat/fstat, opendir/readdir, open/read/close; every write is refused.
 * Auth by password and/or public key for one user. `disconnect-mid-file` and `delay` faults apply.
 *
 * @example
 * const sftp = await startSftpServer({ root: csvFolder, password: 'secret' });
 * // connect with { host: sftp.host, port: sftp.port, username: sftp.username, password: 'secret' }
 */
export async function startSftpServer(options: SftpServerOptions): Promise<SftpServer> {
  const username = options.username ?? 'sis';
  if (options.password === undefined && !options.authorizedKeys?.length) {
    throw new Error('startSftpServer needs a password or at least one authorized public key');
  }
  const now = options.now ?? Date.now;
  const rootReal = await realpath(options.root);
  const hostKey =
    options.hostKey ??
    (options.hostKeyPath ? await loadOrCreateHostKey(options.hostKeyPath) : generateSshKeyPair().privateKey);
  const parsedHostKey = parseSshKey(hostKey, 'SFTP host key');
  const allowedKeys = (options.authorizedKeys ?? []).map((key) =>
    parseSshKey(key, 'authorized public key').getPublicSSH(),
  );
  const passwordBytes = options.password === undefined ? undefined : Buffer.from(options.password);
  const faults = new FaultSchedule(sftpFaultKinds, options.faults ?? []);
  const log = new RequestLog();
  const clients = new Set<ssh2.Connection>();
  const methods: Array<'password' | 'publickey'> = [];
  if (passwordBytes) methods.push('password');
  if (allowedKeys.length) methods.push('publickey');

  /** Maps a remote path to the local file, refusing anything outside the root (`..`, symlinks). */
  async function localPath(remote: string): Promise<string | undefined> {
    const normalized = posix.resolve('/', remote);
    const candidate = resolve(rootReal, `.${normalized}`);
    try {
      const real = await realpath(candidate);
      return real === rootReal || real.startsWith(`${rootReal}${sep}`) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  function serveSftp(client: ssh2.Connection, sftp: ssh2.SFTPWrapper): void {
    const handles = new Map<number, OpenHandle>();
    let nextHandle = 1;
    const handleBuffer = (id: number) => {
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(id);
      return buffer;
    };
    const handleOf = (buffer: Buffer) =>
      buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined;

    /** Counts an operation against the faults, waits out `delay`s, and logs it once it is answered. */
    async function operation(method: string, path: string, run: (firing: Fault[]) => Promise<number>) {
      const time = now();
      const firing = faults.take({ protocol: 'sftp', method, path, url: path });
      for (const fault of firing) if (fault.kind === 'delay') await sleep(fault.ms);
      let status: number;
      try {
        status = await run(firing);
      } catch {
        status = STATUS_CODE.FAILURE;
      }
      log.add({
        protocol: 'sftp',
        method,
        path,
        url: path,
        status,
        time,
        faults: firing.map((fault) => fault.kind),
      });
    }

    const fail = (reqId: number, code: number) => {
      sftp.status(reqId, code);
      return code;
    };

    sftp.on('REALPATH', (reqId, path) => {
      void operation('REALPATH', path, async () => {
        const normalized = posix.resolve('/', path);
        sftp.name(reqId, [{ filename: normalized, longname: normalized, attrs: {} as ssh2.Attributes }]);
        return STATUS_CODE.OK;
      });
    });

    const statHandler = (method: 'STAT' | 'LSTAT') => (reqId: number, path: string) => {
      void operation(method, path, async () => {
        const local = await localPath(path);
        if (!local) return fail(reqId, STATUS_CODE.NO_SUCH_FILE);
        sftp.attrs(reqId, attributesOf(await stat(local)));
        return STATUS_CODE.OK;
      });
    };
    sftp.on('STAT', statHandler('STAT'));
    sftp.on('LSTAT', statHandler('LSTAT'));

    sftp.on('FSTAT', (reqId, buffer) => {
      const handle = handleOf(buffer);
      if (!handle) return void sftp.status(reqId, STATUS_CODE.FAILURE);
      void (handle.kind === 'file' ? handle.file.stat() : stat(handle.local)).then(
        (stats) => sftp.attrs(reqId, attributesOf(stats)),
        () => sftp.status(reqId, STATUS_CODE.FAILURE),
      );
    });

    sftp.on('OPENDIR', (reqId, path) => {
      void operation('OPENDIR', path, async () => {
        const local = await localPath(path);
        if (!local) return fail(reqId, STATUS_CODE.NO_SUCH_FILE);
        if (!(await stat(local)).isDirectory()) return fail(reqId, STATUS_CODE.FAILURE);
        const id = nextHandle++;
        handles.set(id, { kind: 'directory', path, local, listed: false });
        sftp.handle(reqId, handleBuffer(id));
        return STATUS_CODE.OK;
      });
    });

    sftp.on('READDIR', (reqId, buffer) => {
      const handle = handleOf(buffer);
      if (handle?.kind !== 'directory') return void sftp.status(reqId, STATUS_CODE.FAILURE);
      if (handle.listed) return void sftp.status(reqId, STATUS_CODE.EOF);
      handle.listed = true;
      void (async () => {
        const names = (await readdir(handle.local)).sort();
        const entries: ssh2.FileEntry[] = [];
        for (const name of names) {
          const stats = await stat(resolve(handle.local, name)).catch(() => undefined);
          if (stats)
            entries.push({ filename: name, longname: longName(name, stats), attrs: attributesOf(stats) });
        }
        if (entries.length === 0) sftp.status(reqId, STATUS_CODE.EOF);
        else sftp.name(reqId, entries);
      })().catch(() => sftp.status(reqId, STATUS_CODE.FAILURE));
    });

    sftp.on('OPEN', (reqId, path, flags) => {
      void operation('OPEN', path, async (firing) => {
        if (flags & writeFlags) return fail(reqId, STATUS_CODE.PERMISSION_DENIED);
        const local = await localPath(path);
        if (!local) return fail(reqId, STATUS_CODE.NO_SUCH_FILE);
        const stats = await stat(local);
        if (!stats.isFile()) return fail(reqId, STATUS_CODE.FAILURE);
        const file = await open(local, 'r');
        const id = nextHandle++;
        const disconnect = firing.find((fault) => fault.kind === 'disconnect-mid-file');
        handles.set(id, {
          kind: 'file',
          path,
          file,
          size: stats.size,
          served: 0,
          ...(disconnect ? { disconnectAfter: disconnect.afterBytes ?? Math.floor(stats.size / 2) } : {}),
        });
        sftp.handle(reqId, handleBuffer(id));
        return STATUS_CODE.OK;
      });
    });

    sftp.on('READ', (reqId, buffer, offset, length) => {
      const handle = handleOf(buffer);
      if (handle?.kind !== 'file') return void sftp.status(reqId, STATUS_CODE.FAILURE);
      void (async () => {
        const data = Buffer.alloc(Math.min(length, 256 * 1024));
        const { bytesRead } = await handle.file.read(data, 0, data.length, offset);
        if (bytesRead === 0) return void sftp.status(reqId, STATUS_CODE.EOF);
        let chunk = data.subarray(0, bytesRead);
        if (handle.disconnectAfter !== undefined && handle.served + bytesRead >= handle.disconnectAfter) {
          // The connection goes away mid-file, as a flaky network or a restarted server does.
          chunk = chunk.subarray(0, Math.max(0, handle.disconnectAfter - handle.served));
          if (chunk.length > 0) sftp.data(reqId, chunk);
          log.add({
            protocol: 'sftp',
            method: 'READ',
            path: handle.path,
            url: handle.path,
            status: STATUS_CODE.CONNECTION_LOST,
            time: now(),
            faults: ['disconnect-mid-file'],
          });
          setImmediate(() => client.end());
          return;
        }
        handle.served += bytesRead;
        sftp.data(reqId, chunk);
      })().catch(() => sftp.status(reqId, STATUS_CODE.FAILURE));
    });

    sftp.on('CLOSE', (reqId, buffer) => {
      const handle = handleOf(buffer);
      if (!handle) return void sftp.status(reqId, STATUS_CODE.FAILURE);
      handles.delete(buffer.readUInt32BE(0));
      if (handle.kind === 'file') {
        void handle.file.close().then(
          () => sftp.status(reqId, STATUS_CODE.OK),
          () => sftp.status(reqId, STATUS_CODE.FAILURE),
        );
      } else {
        sftp.status(reqId, STATUS_CODE.OK);
      }
    });

    const readOnly = (reqId: number) => sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED, 'read-only server');
    for (const event of [
      'WRITE',
      'SETSTAT',
      'FSETSTAT',
      'REMOVE',
      'RMDIR',
      'MKDIR',
      'RENAME',
      'SYMLINK',
    ] as const) {
      sftp.on(event as 'WRITE', readOnly as never);
    }
    sftp.on('READLINK', (reqId) => sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE));
    sftp.on('close', () => {
      for (const handle of handles.values())
        if (handle.kind === 'file') void handle.file.close().catch(() => {});
      handles.clear();
    });
  }

  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => {
      // A client that vanishes mid-handshake is not the server's problem.
    });
    client.on('authentication', (context) => {
      if (context.username !== username) return context.reject(methods);
      if (context.method === 'password' && passwordBytes) {
        return sameBytes(Buffer.from(context.password), passwordBytes)
          ? context.accept()
          : context.reject(methods);
      }
      if (context.method === 'publickey') {
        const known = allowedKeys.some((blob) => sameBytes(context.key.data, blob));
        if (!known) return context.reject(methods);
        if (!context.signature) return context.accept(); // the client only asks whether the key is acceptable
        const key = parseSshKey(context.key.data, 'client public key');
        return key.verify(context.blob!, context.signature, context.hashAlgo) === true
          ? context.accept()
          : context.reject(methods);
      }
      return context.reject(methods);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => serveSftp(client, acceptSftp()));
      });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    url: `sftp://${username}@127.0.0.1:${port}/`,
    username,
    hostKeyFingerprint: parsedKeyFingerprint(parsedHostKey),
    hostPublicKey: `${parsedHostKey.type} ${parsedHostKey.getPublicSSH().toString('base64')}`,
    get requests() {
      return log.entries;
    },
    clearRequests: () => log.clear(),
    setFaults: (next) => faults.set(next),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const client of clients) client.end();
        server.close(() => resolveClose());
      }),
  };
}
