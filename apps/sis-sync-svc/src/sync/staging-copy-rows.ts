import { type CopyField, copyTextChunks } from '../database/copy-text-format.js';
import { jsonFieldText, type StagedRecord } from './staging-column-values.js';
import type { StagingTable } from './staging-tables.js';

/**
 * A batch's staging rows in COPY text format, in chunks of lines: ordinal, external id, record status
 * ('active' when absent), raw payload (`{}` when absent), first issue of the sourcedId, then the table's
 * normalized columns in order. A sourcedId that appears twice in the batch keeps its first record, as an
 * INSERT … ON CONFLICT DO NOTHING did.
 */
export function copyTextRows(
  table: StagingTable,
  records: ReadonlyArray<StagedRecord>,
  errors: ReadonlyMap<string, string>,
): Generator<string> {
  return copyTextChunks(stagingFields(table, records, errors));
}

function* stagingFields(
  table: StagingTable,
  records: ReadonlyArray<StagedRecord>,
  errors: ReadonlyMap<string, string>,
): Generator<CopyField[]> {
  const columns = Object.values(table.columns);
  const seen = new Set<string>();
  for (let ordinal = 0; ordinal < records.length; ordinal++) {
    const record = records[ordinal] as StagedRecord;
    const externalId = jsonFieldText(record.sourcedId);
    if (externalId !== null) {
      if (seen.has(externalId)) continue;
      seen.add(externalId);
    }
    const fields: CopyField[] = [
      String(ordinal),
      externalId,
      jsonFieldText(record.status) ?? 'active',
      JSON.stringify(record.raw) ?? '{}',
      externalId === null ? null : (errors.get(externalId) ?? null),
    ];
    for (const column of columns) fields.push(column.value(record));
    yield fields;
  }
}
