/**
 * PostgreSQL `COPY … FROM STDIN` text format (the default): one line per row, fields separated by a tab,
 * `\N` for NULL, and backslash, tab, newline and carriage return escaped inside a field.
 * https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2
 */

/** A field value as COPY text expects it: text (already in the column's input syntax) or NULL. */
export type CopyField = string | null;

const needsEscape = /[\\\t\n\r]/;
const escaped = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY text format. */
export function copyTextField(value: CopyField): string {
  if (value === null) return '\\N';
  // Most values (ids, names) need no escape; testing first avoids a replace per field.
  return needsEscape.test(value)
    ? value.replace(escaped, (character) => escapes[character] ?? character)
    : value;
}

/** One row (a line, newline included) in COPY text format. */
export function copyTextRow(fields: ReadonlyArray<CopyField>): string {
  let line = copyTextField(fields[0] ?? null);
  for (let index = 1; index < fields.length; index++) line += `\t${copyTextField(fields[index] ?? null)}`;
  return `${line}\n`;
}

/**
 * A PostgreSQL array literal of text elements (`{"a","b\"c",NULL}`): every element quoted, with `"` and `\`
 * escaped, so commas, braces, spaces and the word NULL stay text; `null` elements are SQL NULLs.
 */
export function textArrayLiteral(elements: ReadonlyArray<string | null>): string {
  const quoted = elements.map((element) =>
    element === null ? 'NULL' : `"${element.replace(/["\\]/g, (character) => `\\${character}`)}"`,
  );
  return `{${quoted.join(',')}}`;
}

/** Rows per chunk handed to a COPY stream: large enough to keep writes few, small enough to stay light. */
const rowsPerChunk = 500;

/** Rows in COPY text format, joined into chunks of lines for a `COPY … FROM STDIN` stream. */
export function* copyTextChunks(rows: Iterable<ReadonlyArray<CopyField>>): Generator<string> {
  let chunk = '';
  let rowsInChunk = 0;
  for (const fields of rows) {
    chunk += copyTextRow(fields);
    if (++rowsInChunk === rowsPerChunk) {
      yield chunk;
      chunk = '';
      rowsInChunk = 0;
    }
  }
  if (chunk !== '') yield chunk;
}
