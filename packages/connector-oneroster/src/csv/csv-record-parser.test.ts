import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvRecordParser, CsvSyntaxError } from './csv-record-parser.js';

function parseInChunks(text: string, chunkLengths: number[]): CsvRecord[] {
  const parser = new CsvRecordParser();
  const records: CsvRecord[] = [];
  let position = 0;
  let index = 0;
  while (position < text.length) {
    const length = chunkLengths[index % chunkLengths.length]!;
    parser.push(text.slice(position, position + length), records);
    position += length;
    index += 1;
  }
  parser.end(records);
  return records;
}

/** csv-parse with the options the connector used before this parser, for comparison. */
async function csvParseReference(text: string): Promise<CsvRecord[] | Error> {
  const parser = parse({
    info: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const records: CsvRecord[] = [];
  try {
    for await (const { record, info } of Readable.from([Buffer.from(text)]).pipe(parser) as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      records.push({ cells: record, line: info.lines });
    }
  } catch (error) {
    return error as Error;
  }
  return records;
}

describe('CsvRecordParser', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF, CR and empty lines, with lines', () => {
    const text = 'id,name\r\n1,"Lee, Ana"\r\n\r\n2,"O""Neil"\n3,"two\nlines"\r4,last';
    expect(parseInChunks(text, [text.length])).toEqual([
      { cells: ['id', 'name'], line: 1 },
      { cells: ['1', 'Lee, Ana'], line: 2 },
      { cells: ['2', 'O"Neil'], line: 4 },
      { cells: ['3', 'two\nlines'], line: 6 },
      { cells: ['4', 'last'], line: 7 },
    ]);
  });

  it('gives the same records whatever the chunks, one character at a time included', () => {
    const text = 'a,"b\r\nc",d\r\n"e""f",g\r\n\n"h"\r';
    const whole = parseInChunks(text, [text.length]);
    for (const chunks of [[1], [2], [3, 1], [5, 7]]) expect(parseInChunks(text, chunks)).toEqual(whole);
  });

  it('keeps quotes that do not quote: inside an unquoted cell, and text after a closing quote', () => {
    expect(parseInChunks('a"b,"c"d,e\n', [100])).toEqual([{ cells: ['a"b', '"c"d', 'e'], line: 1 }]);
  });

  it('throws a CsvSyntaxError naming the line of a quote that never closes', () => {
    expect(() => parseInChunks('a,b\nc,"open\nmore', [4])).toThrow(CsvSyntaxError);
    expect(() => parseInChunks('a,b\nc,"open\nmore', [4])).toThrow(/line 2/);
  });

  it('reads a 5 MB quoted cell pushed in 1 KB chunks in a few passes', () => {
    const cell = 'x'.repeat(5 * 1024 * 1024);
    const records = parseInChunks(`a,b\n"${cell}",z\nc,d\n`, [1024]);
    expect(records.map((record) => record.cells.map((value) => value.length))).toEqual([
      [1, 1],
      [cell.length, 1],
      [1, 1],
    ]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 3]);
  });

  it('agrees with csv-parse on 2,000 seeded random texts (cells always; lines where no \\r sits in quotes)', async () => {
    const character = fc.constantFrom('a', 'b', ',', ',', '"', '"', '\n', '\r\n', '\r', ' ', 'é');
    const text = fc
      .array(character, { minLength: 1, maxLength: 40 })
      .map((characters) => characters.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 8 }), async (csv, chunkLength) => {
        const reference = await csvParseReference(csv);
        let ours: CsvRecord[] | Error;
        try {
          ours = parseInChunks(csv, [chunkLength]);
        } catch (error) {
          ours = error as Error;
        }
        if (reference instanceof Error) {
          expect(ours, `csv-parse failed with ${reference.message}`).toBeInstanceOf(CsvSyntaxError);
          return;
        }
        expect(ours).not.toBeInstanceOf(Error);
        const records = ours as CsvRecord[];
        expect(records.map((record) => record.cells)).toEqual(reference.map((record) => record.cells));
        // csv-parse counts \r\n inside quotes as two lines; an editor (and this parser) as one.
        if (!/"[^"]*\r/.test(csv)) {
          expect(records.map((record) => record.line)).toEqual(reference.map((record) => record.line));
        }
      }),
      { seed: 20_261_126, numRuns: 2_000 },
    );
  });
});
