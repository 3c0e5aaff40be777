import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeOneRosterCsv } from '../csv/write-oneroster-csv.js';
import { createDistrict, type SimulatedDistrict } from '../generator/create-district.js';
import { type DistrictSizeName, districtSizes, isDistrictSizeName } from '../generator/district-counts.js';
import { type CleverServer, startCleverServer } from '../servers/clever/clever-server.js';
import { type OneRosterServer, startOneRosterServer } from '../servers/oneroster/oneroster-server.js';
import { type SftpServer, startSftpServer } from '../servers/sftp/sftp-server.js';
import { generateSshKeyPair, loadOrCreateHostKey } from '../servers/sftp/ssh-keys.js';
import { parseSeed, parseWholeNumber, UsageError } from './command-arguments.js';
import type { CommandOutput } from './command-output.js';

/** Options of {@link startSimulatorServers} and {@link serveCommand}. */
export interface ServeCommandOptions {
  size: DistrictSizeName;
  seed: number | string;
  /** Simulated day, from 1 (default 1). */
  day?: number;
  /**
   * Folder for the CSV set served over SFTP, the SFTP host key and the client key. Default
   * `<tmp>/aivo-sis-simulator`; the host key there is reused so its fingerprint stays stable.
   */
  dataDir?: string;
  /** Fixed ports (default: free ones). */
  ports?: { clever?: number; oneRoster?: number; classLink?: number; sftp?: number };
  /** SFTP password for user `sis`. Default `sis-simulator`. */
  sftpPassword?: string;
}

/** Everything {@link startSimulatorServers} started, with the credentials to reach it. */
export interface RunningSimulator {
  district: SimulatedDistrict;
  clever: CleverServer;
  oneRoster: OneRosterServer;
  /** A second OneRoster server in the ClassLink flavour (string booleans, absolute hrefs, `""` values). */
  classLink: OneRosterServer;
  sftp: SftpServer;
  sftpPassword: string;
  /** The private key file accepted by the SFTP server (ed25519, mode 0600). */
  sftpPrivateKeyPath: string;
  /** Remote folder of the OneRoster CSV set on the SFTP server. */
  sftpRemotePath: string;
  close(): Promise<void>;
}

export const serveUsage = `Usage: sis-simulator serve [options]

Starts a simulated Clever v3.0 API, a OneRoster 1.1 REST API (plain and ClassLink flavour) and an SFTP
server with the district as OneRoster CSV, prints their URLs, credentials and the SFTP host key
fingerprint, and runs until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --size NAME        ${Object.keys(districtSizes).join(' | ')} (default small)
  --seed SEED        any number or text (default 42)
  --day N            simulated day, from 1 (default 1); from 2 on, Clever events and OneRoster
                     dateLastModified filters also describe the changes since the day before
  --data-dir DIR     where the CSV set and the SSH keys are kept (default <tmp>/aivo-sis-simulator)
  --clever-port N, --oneroster-port N, --classlink-port N, --sftp-port N   fixed ports (default: free ones)`;

async function loadOrCreateClientKey(path: string): Promise<string> {
  const publicPath = `${path}.pub`;
  if (!existsSync(path) || !existsSync(publicPath)) {
    const pair = generateSshKeyPair('sis-simulator client');
    await writeFile(path, pair.privateKey, { mode: 0o600 });
    await writeFile(publicPath, `${pair.publicKey}\n`);
  }
  return readFile(publicPath, 'utf8');
}

/**
 * Starts every simulator server for one district: Clever, OneRoster REST, OneRoster REST in the ClassLink
 * flavour, and SFTP serving the district's OneRoster CSV set (written under `dataDir`).
 */
export async function startSimulatorServers(options: ServeCommandOptions): Promise<RunningSimulator> {
  const day = options.day ?? 1;
  const district = createDistrict({ seed: options.seed, size: options.size, day });
  // From day 2 on, the servers also know the day before: Clever serves its events, OneRoster its deletions.
  const previous =
    day > 1 ? createDistrict({ seed: options.seed, size: options.size, day: day - 1 }) : undefined;
  const withPrevious = previous ? { previous } : {};
  const dataDir = options.dataDir ?? join(tmpdir(), 'aivo-sis-simulator');
  const sftpRoot = join(dataDir, 'sftp-root');
  const sftpRemotePath = '/exports/oneroster';
  const csvFolder = join(sftpRoot, 'exports', 'oneroster');
  await rm(csvFolder, { recursive: true, force: true });
  await mkdir(csvFolder, { recursive: true });
  await writeOneRosterCsv({ district, out: csvFolder });
  const keysFolder = join(dataDir, 'keys');
  await mkdir(keysFolder, { recursive: true, mode: 0o700 });
  const hostKey = await loadOrCreateHostKey(join(keysFolder, 'sftp_host_ed25519_key'));
  const sftpPrivateKeyPath = join(keysFolder, 'sftp_client_ed25519_key');
  const clientPublicKey = await loadOrCreateClientKey(sftpPrivateKeyPath);
  const sftpPassword = options.sftpPassword ?? 'sis-simulator';
  const ports = options.ports ?? {};
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const clever = await startCleverServer({
      district,
      ...withPrevious,
      ...(ports.clever === undefined ? {} : { port: ports.clever }),
    });
    started.push(clever);
    const oneRoster = await startOneRosterServer({
      district,
      ...withPrevious,
      ...(ports.oneRoster === undefined ? {} : { port: ports.oneRoster }),
    });
    started.push(oneRoster);
    const classLink = await startOneRosterServer({
      district,
      ...withPrevious,
      flavour: 'classlink',
      clientId: 'classlink-client-id',
      clientSecret: 'classlink-client-secret',
      ...(ports.classLink === undefined ? {} : { port: ports.classLink }),
    });
    started.push(classLink);
    const sftp = await startSftpServer({
      root: sftpRoot,
      password: sftpPassword,
      authorizedKeys: [clientPublicKey],
      hostKey,
      ...(ports.sftp === undefined ? {} : { port: ports.sftp }),
    });
    started.push(sftp);
    return {
      district,
      clever,
      oneRoster,
      classLink,
      sftp,
      sftpPassword,
      sftpPrivateKeyPath,
      sftpRemotePath,
      close: async () => {
        await Promise.all(started.map((server) => server.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((server) => server.close()));
    throw error;
  }
}

/** The lines `serve` prints: where each server is and how to log in. */
export function describeSimulator(simulator: RunningSimulator): string[] {
  const { district, clever, oneRoster, classLink, sftp } = simulator;
  return [
    `Simulated district "${district.districtName}" (${district.districtSourcedId}), day ${district.day}`,
    '',
    'Clever Data API v3.0',
    `  API base URL     ${clever.apiUrl}`,
    `  tokens URL       ${clever.tokensUrl}?owner_type=district`,
    `  client id        ${clever.clientId}`,
    `  client secret    ${clever.clientSecret}`,
    `  district id      ${clever.districtId}`,
    `  access token     ${clever.accessToken}`,
    '',
    'OneRoster 1.1 REST (OAuth 1.0a HMAC-SHA256 or OAuth 2 client credentials)',
    `  base URL         ${oneRoster.baseUrl}`,
    `  OAuth 2 token    ${oneRoster.tokenUrl}`,
    `  client id        ${oneRoster.clientId}`,
    `  client secret    ${oneRoster.clientSecret}`,
    '',
    'ClassLink-flavoured OneRoster 1.1 REST',
    `  base URL         ${classLink.baseUrl}`,
    `  client id        ${classLink.clientId}`,
    `  client secret    ${classLink.clientSecret}`,
    '',
    'SFTP (OneRoster 1.1 CSV, read-only)',
    `  host             ${sftp.host}`,
    `  port             ${sftp.port}`,
    `  username         ${sftp.username}`,
    `  password         ${simulator.sftpPassword}`,
    `  private key      ${simulator.sftpPrivateKeyPath}`,
    `  remote path      ${simulator.sftpRemotePath}`,
    `  host key         ${sftp.hostKeyFingerprint}`,
  ];
}

/**
 * `sis-simulator serve`: starts every server, prints how to reach them, and resolves with exit code 0
 * once SIGINT or SIGTERM arrives (or `signal` aborts) and every server has closed.
 */
export async function serveCommand(
  options: ServeCommandOptions & { output: CommandOutput; signal?: AbortSignal },
): Promise<number> {
  const simulator = await startSimulatorServers(options);
  for (const line of describeSimulator(simulator)) options.output.log(line);
  options.output.log('');
  options.output.log('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      options.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
  });
  await simulator.close();
  options.output.log('Stopped.');
  return 0;
}

/** Parses `serve`'s command-line arguments and runs {@link serveCommand}; returns the exit code. */
export async function serveCli(args: string[], output: CommandOutput, signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '42' },
      day: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      'clever-port': { type: 'string' },
      'oneroster-port': { type: 'string' },
      'classlink-port': { type: 'string' },
      'sftp-port': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    output.log(serveUsage);
    return 0;
  }
  if (!isDistrictSizeName(values.size)) {
    throw new UsageError(`Unknown --size "${values.size}": use ${Object.keys(districtSizes).join(', ')}.`);
  }
  const port = (name: string, value: string | undefined) =>
    value === undefined ? undefined : parseWholeNumber(name, value, 1);
  const ports = {
    clever: port('--clever-port', values['clever-port']),
    oneRoster: port('--oneroster-port', values['oneroster-port']),
    classLink: port('--classlink-port', values['classlink-port']),
    sftp: port('--sftp-port', values['sftp-port']),
  };
  return serveCommand({
    size: values.size,
    seed: parseSeed(values.seed),
    day: parseWholeNumber('--day', values.day, 1),
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
    ports: Object.fromEntries(Object.entries(ports).filter(([, value]) => value !== undefined)),
    output,
    ...(signal ? { signal } : {}),
  });
}
