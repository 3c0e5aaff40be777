import {
  type ConnectionCheck,
  ConnectorError,
  parseRosterRecord,
  type ReadOptions,
  type RosterConnectorV1,
  type RosterEntity,
  type RosterRecordByEntity,
} from '@aivo/connector-sdk';
import { createLocalFileSystem } from './local-file-system.js';
import {
  type OneRosterCsvConfig,
  type OneRosterCsvConfigInput,
  parseOneRosterCsvConfig,
} from './oneroster-csv-config.js';
import { oneRosterCsvFileNames, oneRosterCsvHeaders } from './oneroster-csv-files.js';
import { missingDeclaredFiles, type OneRosterCsvManifest } from './oneroster-csv-manifest.js';
import { type CsvDrop, openCsvDrop } from './open-csv-drop.js';
import { readOneRosterCsvRows } from './read-oneroster-csv-rows.js';
import type { RosterFileSystem } from './roster-file-system.js';
import { connectSftpFileSystem, type SftpTransferOptions } from './sftp-file-system.js';

/**
 * Settings that are not part of the stored provider config: where remote files are downloaded while they
 * are read (`temporaryDirectory`, default the OS temporary folder) and whether they are downloaded first
 * (`remoteFiles: 'download'`, the default, fast) or streamed straight from the server (`'stream'`, no disk).
 */
export type OneRosterCsvRuntimeOptions = SftpTransferOptions;

/** What {@link OneRosterCsvConnector.inspect} found: the drop a read would use now, and its manifest. */
export interface OneRosterCsvDropInfo {
  location: string;
  manifest: OneRosterCsvManifest;
  /** The SSH host key the server presented (SFTP only), as `SHA256:…`. */
  hostKeySha256?: string;
}

/** A OneRoster CSV connector: the roster contract plus a look at the current drop's manifest. */
export interface OneRosterCsvConnector extends RosterConnectorV1 {
  readonly providerType: 'ONEROSTER_CSV';
  /**
   * Opens the drop a read would use now and returns its manifest, so a caller can choose a full read (all
   * files `bulk`) or a delta read (`since` set, for files marked `delta`).
   */
  inspect(options?: { signal?: AbortSignal }): Promise<OneRosterCsvDropInfo>;
}

/**
 * Reads OneRoster 1.1 CSV exports from a local path or an SFTP server: a folder, a `.zip`, or a folder of
 * dated drops (the newest complete one is read).
 *
 * Each entity read opens its own connection, drop and file and releases them when the loop ends (`break`
 * included), streaming one row at a time.
 *
 * **Bulk, delta and absent** (the manifest decides; `since` never filters rows):
 * - `bulk`: the file is a complete snapshot; a read without `since` finishing means "this is everything".
 * - `delta`: only changed rows, with `status` (`tobedeleted` = deleted). Reading it needs `since` set (any
 *   value): a full read of a delta file fails with code `delta_file_needs_since`, so a delta is never taken
 *   for a complete snapshot (which would deactivate everything not in it).
 * - `absent`, or not declared: the read fails with code `source_file_absent`. The source sent nothing for that
 *   entity, so nothing may be inferred from it: the caller keeps what it had (no deletions).
 *
 * @example
 * const connector = createOneRosterCsvConnector({
 *   sftp: { host: 'sftp.district.org', username: 'aivo', privateKeyPath: '/secrets/id_ed25519',
 *           hostKeySha256: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8' },
 *   remotePath: '/exports/oneroster',
 * });
 * for await (const user of connector.users({ onIssue: console.warn })) console.log(user.sourcedId);
 */
export function createOneRosterCsvConnector(
  config: OneRosterCsvConfigInput,
  runtimeOptions: OneRosterCsvRuntimeOptions = {},
): OneRosterCsvConnector {
  const settings: OneRosterCsvConfig = parseOneRosterCsvConfig(config);
  const path = 'localPath' in settings ? settings.localPath : settings.remotePath;

  async function openFileSystem(): Promise<RosterFileSystem & { hostKeySha256?: string | undefined }> {
    if ('localPath' in settings) return createLocalFileSystem();
    return connectSftpFileSystem(settings.sftp, runtimeOptions);
  }

  /** Runs `work` with an open file system and drop, and always releases both. */
  async function withDrop<Result>(
    work: (
      drop: CsvDrop,
      fileSystem: RosterFileSystem & { hostKeySha256?: string | undefined },
    ) => Promise<Result>,
  ): Promise<Result> {
    const fileSystem = await openFileSystem();
    try {
      const drop = await openCsvDrop(fileSystem, path);
      try {
        return await work(drop, fileSystem);
      } finally {
        await drop.package.close();
      }
    } finally {
      await fileSystem.close();
    }
  }

  function read<Entity extends RosterEntity>(entity: Entity) {
    return async function* (options: ReadOptions = {}): AsyncGenerator<RosterRecordByEntity[Entity]> {
      const { signal, onIssue } = options;
      signal?.throwIfAborted();
      const fileName = oneRosterCsvFileNames[entity];
      const fileSystem = await openFileSystem();
      // Closing the session makes a pending transfer fail at once; the abort reason is thrown instead.
      const onAbort = () => void fileSystem.close();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        signal?.throwIfAborted();
        const drop = await openCsvDrop(fileSystem, path);
        try {
          const { manifest, package: csvPackage } = drop;
          const mode = manifest.files[fileName];
          const where = csvPackage.describeFile(fileName);
          if (mode === undefined || mode === 'absent') {
            throw new ConnectorError('source_file_absent', {
              message: `The manifest of ${csvPackage.location} ${mode === 'absent' ? 'marks' : 'does not declare'} ${fileName}${mode === 'absent' ? ' as absent' : ''}: the district sent no ${entity}, so existing ${entity} are left as they are.`,
            });
          }
          if (!csvPackage.fileNames.has(fileName)) {
            throw new ConnectorError('source_file_missing', {
              message: `${where} is missing, but the manifest declares it (${mode}): the export is incomplete; ask the district to resend it.`,
              isRetryable: true,
            });
          }
          if (mode === 'delta' && options.since === undefined) {
            throw new ConnectorError('delta_file_needs_since', {
              message: `${where} is a delta file (only changes), so it cannot be read as a complete snapshot: run a delta sync, or ask the district for a bulk export.`,
            });
          }
          const rows = readOneRosterCsvRows({
            stream: await csvPackage.open(fileName),
            entity,
            file: where,
            expectedHeader: oneRosterCsvHeaders[entity],
            ...(onIssue ? { onIssue } : {}),
            ...(signal ? { signal } : {}),
          });
          for await (const batch of rows) {
            for (const row of batch) {
              const parsed = parseRosterRecord(
                entity,
                { ...row.values, raw: row.values },
                { file: where, line: row.line },
              );
              if (parsed.success) yield parsed.record;
              else
                onIssue?.({ ...parsed.issue, message: `${where} line ${row.line}: ${parsed.issue.message}` });
            }
          }
        } finally {
          await drop.package.close();
        }
      } catch (error) {
        signal?.throwIfAborted();
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        await fileSystem.close();
      }
    };
  }

  async function testConnection(): Promise<ConnectionCheck> {
    const target =
      'localPath' in settings
        ? settings.localPath
        : `sftp://${settings.sftp.host}:${settings.sftp.port}${settings.remotePath}`;
    try {
      return await withDrop(async (drop, fileSystem) => {
        const missing = missingDeclaredFiles(drop.manifest, drop.package.fileNames);
        const byMode = (wanted: string) =>
          Object.entries(drop.manifest.files)
            .filter(([, mode]) => mode === wanted)
            .map(([fileName]) => fileName);
        const details = {
          location: drop.package.location,
          bulk: byMode('bulk'),
          delta: byMode('delta'),
          absent: byMode('absent'),
          ...(fileSystem.hostKeySha256 ? { hostKeySha256: fileSystem.hostKeySha256 } : {}),
        };
        if (missing.length > 0) {
          return {
            success: false,
            code: 'source_file_missing',
            message: `Connected, but the export at ${drop.package.location} is incomplete: the manifest declares ${missing.join(', ')}, which are missing. Ask the district to resend it.`,
            details,
          };
        }
        return {
          success: true,
          message: `Successfully connected: found a OneRoster CSV export at ${drop.package.location} (bulk: ${details.bulk.join(', ') || 'none'}; delta: ${details.delta.join(', ') || 'none'}).`,
          details,
        };
      });
    } catch (error) {
      if (!ConnectorError.isInstance(error)) {
        return {
          success: false,
          code: 'unexpected_error',
          message: `Could not read ${target}: ${(error as Error).message}`,
        };
      }
      return { success: false, code: error.code, message: error.message };
    }
  }

  return {
    specificationVersion: 'v1',
    providerType: 'ONEROSTER_CSV',
    capabilities: { delta: true },
    testConnection,
    inspect: () =>
      withDrop(async (drop, fileSystem) => ({
        location: drop.package.location,
        manifest: drop.manifest,
        ...(fileSystem.hostKeySha256 ? { hostKeySha256: fileSystem.hostKeySha256 } : {}),
      })),
    orgs: read('orgs'),
    academicSessions: read('academicSessions'),
    courses: read('courses'),
    classes: read('classes'),
    users: read('users'),
    enrollments: read('enrollments'),
  };
}
