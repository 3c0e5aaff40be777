import type { Readable } from 'node:stream';
import { ConnectorError } from '@aivo/connector-sdk';
import { parse } from 'csv-parse';

/** How `manifest.csv` says a file was sent: a complete snapshot, only changes, or not at all. */
export type OneRosterCsvFileMode = 'bulk' | 'delta' | 'absent';

/** The parsed `manifest.csv` of a drop. */
export interface OneRosterCsvManifest {
  /** Every `propertyName,value` row, e.g. `{ 'oneroster.version': '1.1', 'file.users': 'bulk' }`. */
  properties: Record<string, string>;
  /** Mode of each declared file, by file name: `{ 'users.csv': 'bulk', 'courses.csv': 'absent' }`. */
  files: Record<string, OneRosterCsvFileMode>;
}

const fileModes = new Set<OneRosterCsvFileMode>(['bulk', 'delta', 'absent']);

/**
 * Parses a `manifest.csv` stream (header `propertyName,value`). Throws a `ConnectorError` with code
 * `invalid_manifest` naming the problem when the file is not a OneRoster 1.1 manifest.
 */
export async function parseOneRosterCsvManifest(
  stream: Readable,
  location: string,
): Promise<OneRosterCsvManifest> {
  const invalid = (reason: string, cause?: unknown) =>
    new ConnectorError('invalid_manifest', {
      message: `${location} is not a valid manifest: ${reason}`,
      cause,
    });
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  stream.on('error', (error) => parser.destroy(error));
  const properties: Record<string, string> = {};
  const files: Record<string, OneRosterCsvFileMode> = {};
  let header = true;
  try {
    for await (const row of stream.pipe(parser) as AsyncIterable<string[]>) {
      if (header) {
        header = false;
        if (row[0] !== 'propertyName' || row[1] !== 'value') {
          throw invalid(`the header must be "propertyName,value" (found "${row.join(',')}")`);
        }
        continue;
      }
      const [name = '', value = ''] = row;
      if (name === '') continue;
      properties[name] = value;
      if (name.startsWith('file.')) {
        const mode = value.toLowerCase() as OneRosterCsvFileMode;
        if (!fileModes.has(mode)) {
          throw invalid(`${name} is "${value}", but must be bulk, delta or absent`);
        }
        files[`${name.slice('file.'.length)}.csv`] = mode;
      }
    }
  } catch (error) {
    if (ConnectorError.isInstance(error)) throw error;
    throw invalid((error as Error).message, error);
  } finally {
    stream.destroy();
  }
  if (header) throw invalid('the file is empty');
  const version = properties['oneroster.version'];
  if (version !== undefined && !version.startsWith('1.1') && version !== '1.0') {
    throw new ConnectorError('unsupported_version', {
      message: `${location} declares OneRoster ${version}; this connector reads OneRoster 1.1 CSV. Ask the district for a 1.1 export.`,
    });
  }
  return { properties, files };
}

/** Files the manifest declares as `bulk` or `delta` that are not in the drop. */
export function missingDeclaredFiles(
  manifest: OneRosterCsvManifest,
  fileNames: ReadonlySet<string>,
): string[] {
  return Object.entries(manifest.files)
    .filter(([fileName, mode]) => mode !== 'absent' && !fileNames.has(fileName))
    .map(([fileName]) => fileName);
}
