/** One CSV record: its cells, and the line it ends on (1-based; a record may span lines in quotes). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** Text that cannot be split into records: a quoted field that never closes. */
export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

const quote = 34;
const comma = 44;
const lineFeed = 10;
const carriageReturn = 13;

/** Returned by the record readers when the text ends before the record does (more text may follow). */
const incomplete = null;

interface RecordEnd {
  cells: string[];
  /** Where the next record starts. */
  next: number;
  /** The line the record ends on. */
  line: number;
}

/**
 * Splits CSV text into records, chunk by chunk, the way csv-parse reads our files (RFC 4180 with the
 * options the connector used: `,` and `"`, `""` inside quotes, `\r\n`, `\n` or `\r` between records, empty
 * lines skipped, a quote inside an unquoted field kept as it is, a closing quote followed by other text
 * kept as text). Written by hand because csv-parse spends ~1 µs per byte; see decision 0503.
 *
 * A line without quotes (almost every line) is cut at its commas with `indexOf`; a line with quotes is
 * read cell by cell. Lines are counted as an editor shows them: `\r\n`, `\n` and `\r` each end one line,
 * inside quotes too.
 *
 * Text is pushed as it is decoded; records come back as soon as they are complete. A record longer than
 * the text at hand (a huge quoted cell) is tried again only once twice as much text has arrived, so a
 * 50 MB cell costs a few passes, not one per chunk.
 *
 * @example
 * const parser = new CsvRecordParser();
 * const records: CsvRecord[] = [];
 * parser.push('a,"b\nc"\r\nd', records); // records: [{ cells: ['a', 'b\nc'], line: 2 }]
 * parser.end(records); // adds { cells: ['d'], line: 3 }
 */
export class CsvRecordParser {
  /** Text not yet split; it starts where a record starts. */
  #text = '';
  /** The line `#text` starts on. */
  #line = 1;
  /** `#text` holds a record that did not end: wait for this much text before trying again. */
  #waitForLength = 0;

  /** Adds decoded text and appends the records it completes to `output`. */
  push(text: string, output: CsvRecord[]): void {
    this.#text = this.#text === '' ? text : this.#text + text;
    if (this.#text.length < this.#waitForLength) return;
    this.#split(false, output);
  }

  /** The text has ended: appends the last record; throws {@link CsvSyntaxError} on an open quote. */
  end(output: CsvRecord[]): void {
    this.#split(true, output);
  }

  #split(final: boolean, output: CsvRecord[]): void {
    const text = this.#text;
    const length = text.length;
    let position = 0;
    let line = this.#line;
    // Next quote, line feed and carriage return at or after `position` (`length` when there is none).
    let nextQuote = -1;
    let nextLineFeed = -1;
    let nextCarriageReturn = -1;
    while (position < length) {
      const first = text.charCodeAt(position);
      if (first === lineFeed || first === carriageReturn) {
        // An empty line: skipped, but counted.
        if (first === carriageReturn && position + 1 === length && !final) break;
        position += first === carriageReturn && text.charCodeAt(position + 1) === lineFeed ? 2 : 1;
        line += 1;
        continue;
      }
      if (nextLineFeed < position) nextLineFeed = indexOrLength(text, '\n', position);
      if (nextCarriageReturn < position) nextCarriageReturn = indexOrLength(text, '\r', position);
      if (nextQuote < position) nextQuote = indexOrLength(text, '"', position);
      const lineEnd = Math.min(nextLineFeed, nextCarriageReturn);
      if (nextQuote < lineEnd) {
        const record = readQuotedRecord(text, position, line, final);
        if (record === incomplete) break;
        output.push({ cells: record.cells, line: record.line });
        position = record.next;
        line = record.line + 1;
        continue;
      }
      if (lineEnd === length) {
        if (!final) break;
        output.push({ cells: splitAtCommas(text, position, length), line });
        position = length;
        break;
      }
      if (lineEnd === nextCarriageReturn && lineEnd + 1 === length && !final) break;
      output.push({ cells: splitAtCommas(text, position, lineEnd), line });
      position =
        lineEnd + (lineEnd === nextCarriageReturn && text.charCodeAt(lineEnd + 1) === lineFeed ? 2 : 1);
      line += 1;
    }
    this.#text = position === 0 ? text : text.slice(position);
    this.#line = line;
    this.#waitForLength = this.#text.length === 0 ? 0 : this.#text.length * 2;
  }
}

function indexOrLength(text: string, searched: string, from: number): number {
  const index = text.indexOf(searched, from);
  return index === -1 ? text.length : index;
}

/** The cells of a line without quotes, between `start` and `end` (exclusive). */
function splitAtCommas(text: string, start: number, end: number): string[] {
  const cells: string[] = [];
  let from = start;
  for (;;) {
    const index = text.indexOf(',', from);
    if (index === -1 || index >= end) {
      cells.push(text.slice(from, end));
      return cells;
    }
    cells.push(text.slice(from, index));
    from = index + 1;
  }
}

/** Where an unquoted stretch ends: the next comma, line feed or carriage return, or the end of the text. */
function unquotedEnd(text: string, from: number): number {
  let index = from;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === comma || code === lineFeed || code === carriageReturn) return index;
    index += 1;
  }
  return length;
}

/** Line breaks between `from` and `to`, `\r\n` counting once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code === lineFeed) count += 1;
    else if (code === carriageReturn && text.charCodeAt(index + 1) !== lineFeed) count += 1;
  }
  return count;
}

/** Reads one record that holds a quote somewhere, cell by cell, from `start` (on line `line`). */
function readQuotedRecord(text: string, start: number, line: number, final: boolean): RecordEnd | null {
  const length = text.length;
  const cells: string[] = [];
  let position = start;
  let currentLine = line;
  for (;;) {
    if (position === length && !final) return incomplete;
    let value: string;
    if (text.charCodeAt(position) === quote) {
      const openedOn = currentLine;
      position += 1;
      value = '';
      let segmentStart = position;
      for (;;) {
        const closing = text.indexOf('"', position);
        if (closing === -1) {
          if (!final) return incomplete;
          throw new CsvSyntaxError(
            `a quoted cell opened on line ${openedOn} is never closed (a " is missing)`,
            openedOn,
          );
        }
        currentLine += countLineBreaks(text, position, closing);
        if (closing + 1 === length && !final) return incomplete;
        const after = text.charCodeAt(closing + 1);
        if (after === quote) {
          // "" inside quotes is one quote.
          value += text.slice(segmentStart, closing + 1);
          position = closing + 2;
          segmentStart = position;
          continue;
        }
        value += text.slice(segmentStart, closing);
        position = closing + 1;
        if (Number.isNaN(after) || after === comma || after === lineFeed || after === carriageReturn) break;
        // Text after a closing quote: the quotes were not quoting; keep the cell as written.
        const end = unquotedEnd(text, position);
        if (end === length && !final) return incomplete;
        value = `"${value}"${text.slice(position, end)}`;
        position = end;
        break;
      }
    } else {
      const end = unquotedEnd(text, position);
      if (end === length && !final) return incomplete;
      value = text.slice(position, end);
      position = end;
    }
    cells.push(value);
    if (position === length) return { cells, next: position, line: currentLine };
    const separator = text.charCodeAt(position);
    if (separator === comma) {
      position += 1;
      continue;
    }
    if (separator === carriageReturn) {
      if (position + 1 === length && !final) return incomplete;
      const next = position + (text.charCodeAt(position + 1) === lineFeed ? 2 : 1);
      return { cells, next, line: currentLine };
    }
    return { cells, next: position + 1, line: currentLine };
  }
}
