import fc from 'fast-check';

/** One seeded change to a CSV file's bytes, described for the failure message. */
export interface CsvMutation {
  description: string;
  apply(bytes: Buffer): Buffer;
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '"',
    '""',
    '","',
    '\n',
    '\r\n',
    ',',
    '"unterminated',
    '2024-02-30',
    'TRUE',
    'tobedeleted',
    '\u0000',
  ),
);

function splitLines(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n');
}

function joinLines(lines: string[]): Buffer {
  return Buffer.from(lines.join('\n'));
}

/**
 * Seeded mutations of a OneRoster CSV file: lines removed, repeated or swapped, cells replaced with hostile
 * text, cells added or dropped, the header renamed, the file truncated, random bytes (invalid UTF-8
 * included) inserted, or the whole file replaced.
 */
export const csvMutation: fc.Arbitrary<CsvMutation> = fc.oneof(
  fc.nat().map((index) => ({
    description: `delete line #${index}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      lines.splice(index % lines.length, 1);
      return joinLines(lines);
    },
  })),
  fc.nat().map((index) => ({
    description: `repeat line #${index}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const at = index % lines.length;
      lines.splice(at, 0, lines[at]!);
      return joinLines(lines);
    },
  })),
  fc.tuple(fc.nat(), fc.nat()).map(([first, second]) => ({
    description: `swap lines #${first} and #${second}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const a = first % lines.length;
      const b = second % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return joinLines(lines);
    },
  })),
  fc.tuple(fc.nat(), fc.nat(), hostileText).map(([line, cell, text]) => ({
    description: `replace cell ${cell} of line #${line} with ${JSON.stringify(text)}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const at = line % lines.length;
      const cells = lines[at]!.split(',');
      cells[cell % cells.length] = text;
      lines[at] = cells.join(',');
      return joinLines(lines);
    },
  })),
  fc.tuple(fc.nat(), fc.boolean()).map(([line, add]) => ({
    description: `${add ? 'add a cell to' : 'drop a cell from'} line #${line}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const at = line % lines.length;
      const cells = lines[at]!.split(',');
      if (add) cells.push('extra');
      else cells.pop();
      lines[at] = cells.join(',');
      return joinLines(lines);
    },
  })),
  fc.tuple(fc.nat(), fc.string({ maxLength: 12 })).map(([cell, name]) => ({
    description: `rename header column ${cell} to ${JSON.stringify(name)}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const cells = lines[0]!.split(',');
      cells[cell % cells.length] = name;
      lines[0] = cells.join(',');
      return joinLines(lines);
    },
  })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((fraction) => ({
    description: `truncate at ${(fraction * 100).toFixed(1)}%`,
    apply: (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * fraction)),
  })),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([fraction, inserted]) => ({
      description: `insert bytes ${Buffer.from(inserted).toString('hex')} at ${(fraction * 100).toFixed(1)}%`,
      apply: (bytes: Buffer) => {
        const at = Math.floor(bytes.length * fraction);
        return Buffer.concat([bytes.subarray(0, at), Buffer.from(inserted), bytes.subarray(at)]);
      },
    })),
  fc.string({ maxLength: 200 }).map((text) => ({
    description: `replace the file with ${JSON.stringify(text.slice(0, 40))}`,
    apply: () => Buffer.from(text),
  })),
);
