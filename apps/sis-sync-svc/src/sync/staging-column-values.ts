import { type CopyField, textArrayLiteral } from '../database/copy-text-format.js';

/** An extracted record as the staging writer sees it: the normalized fields by name. */
export type StagedRecord = Readonly<Record<string, unknown>>;

/** A normalized staging column: its PostgreSQL type and how its COPY value is taken from a record. */
export interface StagingColumn {
  type: 'text' | 'text[]' | 'boolean';
  value: (record: StagedRecord) => CopyField;
}

/**
 * A field's value as text, the way PostgreSQL's `record->>'field'` read it when the record was sent as
 * JSON: strings as they are, absent or null as NULL, other values as their JSON text (the SDK's schemas
 * only produce strings, booleans and string arrays here).
 */
export function jsonFieldText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const json = JSON.stringify(value);
  if (json === undefined || json === 'null') return null;
  // A value that serializes to a JSON string (a Date) arrives as that string.
  return json.startsWith('"') ? (JSON.parse(json) as string) : json;
}

/** A nullable text column. */
export const text = (field: string): StagingColumn => ({
  type: 'text',
  value: (record) => jsonFieldText(record[field]),
});

/** A NOT NULL text column: '' when a record (e.g. a `tobedeleted` delta stub) lacks the field. */
export const requiredText = (field: string): StagingColumn => ({
  type: 'text',
  value: (record) => jsonFieldText(record[field]) ?? '',
});

/** A text[] column: the field's array (an empty array when absent), NULL elements kept. */
export const textArray = (field: string): StagingColumn => ({
  type: 'text[]',
  value: (record) => {
    const value = record[field];
    if (value === undefined) return '{}';
    // jsonb_array_elements_text failed on anything but an array; so does this.
    if (!Array.isArray(value)) throw new TypeError(`${field} must be an array to be staged`);
    return textArrayLiteral(value.map(jsonFieldText));
  },
});

/**
 * A NOT NULL boolean column, false when absent. COPY parses the text with the same boolean input function
 * as the former `(record->>'field')::boolean` cast, so 'true', 't', 'yes', '1' … mean the same as before.
 */
export const flag = (field: string): StagingColumn => ({
  type: 'boolean',
  value: (record) => jsonFieldText(record[field]) ?? 'false',
});
