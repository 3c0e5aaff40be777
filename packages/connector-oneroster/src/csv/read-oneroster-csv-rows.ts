import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { ConnectorError, type RecordIssue, type RosterEntity } from '@aivo/connector-sdk';
import { createUtf8Validator } from './create-utf8-validator.js';
import { type CsvRecord, CsvRecordParser, CsvSyntaxError } from './csv-record-parser.js';

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
 * Streams the rows of one OneRoster CSV file, a batch per chunk read (one chunk of text and its rows in
 * memory at a time, however large the file). Handles a UTF-8 BOM (and UTF-16LE with its BOM), CRLF, quoted
 * commas, quotes and line breaks ({@link CsvRecordParser}).
 *
 * - The header must hold exactly the expected column names (case-sensitive; any order): otherwise the read
 *   fails with code `invalid_header`, naming the missing and unexpected columns.
 * - A row with the wrong number of cells is reported as a `wrong_column_count` issue and skipped.
 * - A row holding bytes that are not valid UTF-8 is reported as an `invalid_utf8` issue and skipped, rather
 *   than read with U+FFFD in place of the bad bytes (a name or id silently changed). Once a file has shown
 *   invalid bytes, a row is judged by whether it holds U+FFFD; in such a file a genuine U+FFFD is reported too.
 * - A quote that never closes fails the read (`csv_read_failed`, naming the line): the rest of the file
 *   cannot be split into rows.
 * - Aborting `signal` or breaking out of the loop destroys the stream.
 */
export async function* readOneRosterCsvRows({
  stream,
  entity,
  file,
  expectedHeader,
  onIssue,
  signal,
}: ReadOneRosterCsvRowsInput): AsyncGenerator<OneRosterCsvRow[]> {
  const onAbort = () => stream.destroy(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const parser = new CsvRecordParser();
  const utf8 = createUtf8Validator();
  const records: CsvRecord[] = [];
  let decoder: TextDecoder | undefined;
  let header: string[] | undefined;

  /** Turns the parsed records into rows, reporting the bad ones; the first record is the header. */
  const rowsOf = (parsed: CsvRecord[]): OneRosterCsvRow[] => {
    const rows: OneRosterCsvRow[] = [];
    for (const { cells, line } of parsed) {
      if (header === undefined) {
        header = cells;
        checkHeader(header, expectedHeader, file);
        continue;
      }
      if (utf8.sawInvalidBytes && cells.some((cell) => cell.includes('\uFFFD'))) {
        onIssue?.({
          entity,
          severity: 'error',
          code: 'invalid_utf8',
          message: `${file} line ${line}: bytes that are not valid UTF-8; the row was skipped. Save or export the file as UTF-8.`,
          ...(cells[0] && !cells[0].includes('\uFFFD') ? { sourcedId: cells[0] } : {}),
          location: { file, line },
        });
        continue;
      }
      if (cells.length !== header.length) {
        onIssue?.({
          entity,
          severity: 'error',
          code: 'wrong_column_count',
          message: `${file} line ${line}: ${cells.length} cells where the header has ${header.length}; the row was skipped.`,
          ...(cells[0] ? { sourcedId: cells[0] } : {}),
          location: { file, line },
        });
        continue;
      }
      const values: Record<string, string> = {};
      for (let index = 0; index < header.length; index += 1) values[header[index]!] = cells[index]!;
      rows.push({ values, line });
    }
    parsed.length = 0;
    return rows;
  };

  try {
    signal?.throwIfAborted();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(chunk);
      if (decoder.encoding === 'utf-8') utf8.check(chunk);
      parser.push(decoder.decode(chunk, { stream: true }), records);
      const rows = rowsOf(records);
      if (rows.length > 0) yield rows;
      signal?.throwIfAborted();
    }
    if (decoder) {
      parser.push(decoder.decode(), records);
      if (decoder.encoding === 'utf-8') utf8.end();
    }
    parser.end(records);
    const rows = rowsOf(records);
    if (rows.length > 0) yield rows;
  } catch (error) {
    signal?.throwIfAborted();
    if (ConnectorError.isInstance(error)) throw error;
    if (error instanceof CsvSyntaxError) {
      throw new ConnectorError('csv_read_failed', {
        message: `Could not read ${file}: ${error.message}; fix the quoting or ask the district to export it again.`,
        cause: error,
      });
    }
    throw new ConnectorError('csv_read_failed', {
      message: `Could not read ${file}: ${(error as Error).message}`,
      cause: error,
      isRetryable: true,
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Once the read is over, a late error (an SFTP close request cut short by the session closing) has
    // nobody to tell; without a listener it would crash the process.
    stream.on('error', () => {});
    stream.destroy();
  }
  if (header === undefined) {
    throw new ConnectorError('invalid_header', {
      message: `${file} is empty: a OneRoster file starts with its header row (${expectedHeader.join(',')}).`,
    });
  }
}

/** UTF-16LE when the file starts with its byte order mark, else UTF-8; either decoder drops the mark. */
function decoderFor(firstChunk: Uint8Array): TextDecoder {
  const utf16 = firstChunk[0] === 0xff && firstChunk[1] === 0xfe;
  return new TextDecoder(utf16 ? 'utf-16le' : 'utf-8');
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
