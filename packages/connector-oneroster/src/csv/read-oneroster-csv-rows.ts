import type { Readable } from 'node:stream';
import { ConnectorError, type RecordIssue, type RosterEntity } from '@aivo/connector-sdk';
import { parse } from 'csv-parse';
import { watchUtf8Validity } from './watch-utf8-validity.js';

/** One data row of a roster file: cells by column name, and the line it ended on (1-based). */
export interface OneRosterCsvRow {
  values: Record<string, string>;
  line: number;
}

export interface ReadOneRosterCsvRowsInput {
  stream: Readable;
  entity: RosterEntity;
  /** Where the file is, for errors and issues. */
  file: string;
  expectedHeader: readonly string[];
  onIssue?: (issue: RecordIssue) => void;
  signal?: AbortSignal;
}

/**
 * Streams the rows of one OneRoster CSV file with csv-parse: one row in memory at a time however large the
 * file. Handles a UTF-8 BOM, CRLF, quoted commas, quotes and line breaks.
 *
 * - The header must hold exactly the expected column names (case-sensitive; any order): otherwise the read
 *   fails with code `invalid_header`, naming the missing and unexpected columns.
 * - A row with the wrong number of cells is reported as a `wrong_column_count` issue and skipped.
 * - A row holding bytes that are not valid UTF-8 is reported as an `invalid_utf8` issue and skipped, rather
 *   than read with U+FFFD in place of the bad bytes (a name or id silently changed). Once a file has shown
 *   invalid bytes, a row is judged by whether it holds U+FFFD; in such a file a genuine U+FFFD is reported too.
 * - Aborting `signal` or breaking out of the loop destroys the stream.
 */
export async function* readOneRosterCsvRows({
  stream,
  entity,
  file,
  expectedHeader,
  onIssue,
  signal,
}: ReadOneRosterCsvRowsInput): AsyncGenerator<OneRosterCsvRow> {
  const parser = parse({
    bom: true,
    info: true,
    // Files stitched together from several exports mix line endings; accept each on every line.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const stop = (error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error)));
  const onAbort = () => stop(signal?.reason);
  stream.on('error', stop);
  signal?.addEventListener('abort', onAbort, { once: true });
  let header: string[] | undefined;
  try {
    signal?.throwIfAborted();
    const utf8 = watchUtf8Validity(stream);
    for await (const { record, info } of stream.pipe(parser) as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === undefined) {
        header = record;
        checkHeader(header, expectedHeader, file);
        continue;
      }
      if (utf8.sawInvalidBytes && record.some((cell) => cell.includes('\uFFFD'))) {
        onIssue?.({
          entity,
          severity: 'error',
          code: 'invalid_utf8',
          message: `${file} line ${info.lines}: bytes that are not valid UTF-8; the row was skipped. Save or export the file as UTF-8.`,
          ...(record[0] && !record[0].includes('\uFFFD') ? { sourcedId: record[0] } : {}),
          location: { file, line: info.lines },
        });
        continue;
      }
      if (record.length !== header.length) {
        onIssue?.({
          entity,
          severity: 'error',
          code: 'wrong_column_count',
          message: `${file} line ${info.lines}: ${record.length} cells where the header has ${header.length}; the row was skipped.`,
          ...(record[0] ? { sourcedId: record[0] } : {}),
          location: { file, line: info.lines },
        });
        continue;
      }
      const values: Record<string, string> = {};
      for (const [index, column] of header.entries()) values[column] = record[index] ?? '';
      yield { values, line: info.lines };
    }
  } catch (error) {
    signal?.throwIfAborted();
    if (ConnectorError.isInstance(error)) throw error;
    throw new ConnectorError('csv_read_failed', {
      message: `Could not read ${file}: ${(error as Error).message}`,
      cause: error,
      isRetryable: true,
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    parser.destroy();
    stream.destroy();
  }
  if (header === undefined) {
    throw new ConnectorError('invalid_header', {
      message: `${file} is empty: a OneRoster file starts with its header row (${expectedHeader.join(',')}).`,
    });
  }
}

function checkHeader(header: string[], expected: readonly string[], file: string): void {
  const expectedSet = new Set(expected);
  const missing = expected.filter((column) => !header.includes(column));
  const unexpected = header.filter((column) => !expectedSet.has(column));
  const duplicated = header.filter((column, index) => header.indexOf(column) !== index);
  if (missing.length === 0 && unexpected.length === 0 && duplicated.length === 0) return;
  const problems = [
    missing.length > 0 ? `missing columns: ${missing.join(', ')}` : '',
    unexpected.length > 0
      ? `unexpected columns: ${unexpected.map((column) => JSON.stringify(column)).join(', ')}`
      : '',
    duplicated.length > 0 ? `repeated columns: ${duplicated.join(', ')}` : '',
  ].filter(Boolean);
  throw new ConnectorError('invalid_header', {
    message: `${file} has the wrong header (${problems.join('; ')}). OneRoster 1.1 expects exactly: ${expected.join(',')} (names are case-sensitive).`,
  });
}
