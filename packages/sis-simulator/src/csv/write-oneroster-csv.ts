import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type RosterEntity, type RosterRecordByEntity, rosterEntities } from '@aivo/connector-sdk';
import { stringify } from 'csv-stringify';
import { ZipFile } from 'yazl';
import { createDistrict, type SimulatedDistrict } from '../generator/create-district.js';
import {
  type OneRosterCsvMode,
  oneRosterCsvFileNames,
  oneRosterCsvHeaders,
  oneRosterCsvRow,
  oneRosterManifestFiles,
} from './oneroster-csv-files.js';

/** Options of {@link writeOneRosterCsv}. */
export interface WriteOneRosterCsvOptions {
  district: SimulatedDistrict;
  /** `folder`: the folder to write into (created if missing). `zip`: the path of the zip file. */
  out: string;
  /** Default `folder`. */
  format?: 'folder' | 'zip';
  /** `bulk` (default): the full set. `delta`: changes since `previous`, with `tobedeleted` rows. */
  mode?: OneRosterCsvMode;
  /** The earlier day a delta is taken against; defaults to the day before `district`. */
  previous?: SimulatedDistrict;
  /** Start every file with a UTF-8 byte order mark, as Excel-made files do. */
  bom?: boolean;
  /** Default `\n`; `\r\n` as Windows SIS exports write. */
  lineEnding?: '\n' | '\r\n';
  /** `source.systemName` of the manifest. */
  systemName?: string;
}

/** What {@link writeOneRosterCsv} wrote. */
export interface WrittenOneRosterCsv {
  format: 'folder' | 'zip';
  mode: OneRosterCsvMode;
  /** The folder or zip file. */
  path: string;
  /** Each CSV file with its number of data rows (header excluded), manifest first. */
  files: { name: string; rows: number }[];
}

interface CsvFile {
  name: string;
  header: readonly string[];
  rows: () => Iterable<string[]>;
}

/**
 * Writes a district as a OneRoster 1.1 CSV set: `manifest.csv` and the six roster files, with the exact
 * headers, RFC 4180 quoting, multi-value cells such as `"09,10"` and userIds such as
 * `"{SIS:123},{LDAP:x}"`. Records stream from the generator to disk one row at a time, so memory stays
 * flat for a `large` district. Zips are deterministic too (fixed entry times).
 *
 * @example
 * await writeOneRosterCsv({ district: createDistrict({ seed: 42, size: 'small' }), out: '/tmp/oneroster' });
 */
export async function writeOneRosterCsv(options: WriteOneRosterCsvOptions): Promise<WrittenOneRosterCsv> {
  const { district, out } = options;
  const format = options.format ?? 'folder';
  const mode = options.mode ?? 'bulk';
  const streams = mode === 'delta' ? district.deltaRecords(previousDayOf(options)) : undefined;
  const counted: { name: string; rows: number }[] = [];
  const files: CsvFile[] = [
    { name: 'manifest.csv', header: ['propertyName', 'value'], rows: () => manifestRows(options, mode) },
    ...rosterEntities.map((entity) => ({
      name: oneRosterCsvFileNames[entity],
      header: oneRosterCsvHeaders[entity],
      rows: () => entityRows(entity, streams ? streams[entity] : district.records(entity), mode),
    })),
  ];
  const countRows = (file: CsvFile): Iterable<string[]> => {
    const entry = { name: file.name, rows: 0 };
    counted.push(entry);
    return countingRows(file.rows(), entry);
  };
  const csvOptions = { bom: options.bom ?? false, lineEnding: options.lineEnding ?? '\n' };

  if (format === 'folder') {
    await mkdir(out, { recursive: true });
    for (const file of files) {
      await pipeline(
        Readable.from(countRows(file)),
        csvStringifier(file.header, csvOptions),
        coalesceChunks(chunkBytes),
        createWriteStream(join(out, file.name)),
      );
    }
  } else {
    await mkdir(dirname(out), { recursive: true });
    const zip = new ZipFile();
    // Zip entries store local wall-clock DOS times: building the date from local fields (and leaving out
    // the UTC extra field) gives the same bytes in every time zone.
    const snapshot = new Date(district.snapshotTime);
    const mtime = new Date(
      snapshot.getUTCFullYear(),
      snapshot.getUTCMonth(),
      snapshot.getUTCDate(),
      snapshot.getUTCHours(),
    );
    // A failing entry must fail the whole zip: yazl would otherwise wait for the entry forever.
    let entryFailure: unknown;
    for (const file of files) {
      zip.addReadStreamLazy(file.name, { mtime, mode: 0o100644, forceDosTimestamp: true }, (callback) => {
        const entry = new PassThrough();
        pipeline(
          Readable.from(countRows(file)),
          csvStringifier(file.header, csvOptions),
          coalesceChunks(chunkBytes),
          entry,
        ).catch((error: unknown) => {
          entryFailure ??= error;
          (zip.outputStream as Readable).destroy(error instanceof Error ? error : new Error(String(error)));
        });
        callback(null, entry);
      });
    }
    zip.end();
    try {
      await pipeline(zip.outputStream, createWriteStream(out));
    } catch (error) {
      throw entryFailure ?? error;
    }
  }
  return { format, mode, path: out, files: counted };
}

function previousDayOf(options: WriteOneRosterCsvOptions): SimulatedDistrict {
  if (options.previous) return options.previous;
  const { district } = options;
  if (district.day < 2) {
    throw new RangeError(
      'A delta needs day 2 or later (or an explicit `previous` district): day 1 has no changes.',
    );
  }
  return createDistrict({ seed: district.seed, size: district.counts, day: district.day - 1 });
}

function* manifestRows(options: WriteOneRosterCsvOptions, mode: OneRosterCsvMode): Generator<string[]> {
  const written = new Set<string>(rosterEntities);
  yield ['manifest.version', '1.0'];
  yield ['oneroster.version', '1.1'];
  for (const file of oneRosterManifestFiles) yield [`file.${file}`, written.has(file) ? mode : 'absent'];
  yield ['source.systemName', options.systemName ?? 'Aivo SIS Simulator'];
  yield ['source.systemCode', `sis-simulator-${String(options.district.seed)}-day-${options.district.day}`];
}

function* entityRows<Entity extends RosterEntity>(
  entity: Entity,
  records: Iterable<RosterRecordByEntity[Entity]>,
  mode: OneRosterCsvMode,
): Generator<string[]> {
  const toRow = oneRosterCsvRow[entity];
  for (const record of records) yield toRow(record, mode);
}

function* countingRows(rows: Iterable<string[]>, counter: { rows: number }): Generator<string[]> {
  for (const row of rows) {
    counter.rows++;
    yield row;
  }
}

/** A csv-stringify transform: header then rows, quoted per RFC 4180. */
function csvStringifier(header: readonly string[], options: { bom: boolean; lineEnding: string }) {
  return stringify({
    bom: options.bom,
    record_delimiter: options.lineEnding,
    header: true,
    columns: [...header],
  });
}

/** Size of the chunks handed to the file or the zip's deflate stream. */
const chunkBytes = 64 * 1024;

/**
 * csv-stringify emits one small chunk per row; deflating 700,000 tiny chunks one by one is ten times
 * slower than deflating 64 KiB blocks, so rows are gathered into blocks first.
 */
function coalesceChunks(size: number): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= size) {
        const block = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        callback(null, block);
      } else {
        callback();
      }
    },
    flush(callback) {
      callback(null, pendingBytes > 0 ? Buffer.concat(pending, pendingBytes) : undefined);
    },
  });
}
