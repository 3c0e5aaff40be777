import { ConnectorError } from '@aivo/connector-sdk';
import { type CsvPackage, openFolderCsvPackage } from './csv-package.js';
import { oneRosterManifestFileName } from './oneroster-csv-files.js';
import {
  missingDeclaredFiles,
  type OneRosterCsvManifest,
  parseOneRosterCsvManifest,
} from './oneroster-csv-manifest.js';
import type { RosterFileSystem } from './roster-file-system.js';
import { openZipCsvPackage } from './zip-csv-package.js';

/** An opened drop and its manifest. */
export interface CsvDrop {
  package: CsvPackage;
  manifest: OneRosterCsvManifest;
}

const isZip = (name: string) => /\.zip$/i.test(name);

/**
 * Opens the drop at `path`:
 * - a `.zip` file, or a folder holding `manifest.csv`: that drop;
 * - otherwise a folder of dated drops (sub-folders or zips, named so that newer sorts later, e.g.
 *   `2024-08-01` or `oneroster-20240801.zip`): the newest **complete** one — it has a manifest and every file
 *   the manifest declares as bulk or delta. Drops still being uploaded are skipped that way.
 *
 * Throws a `ConnectorError` whose code says what is wrong: `path_missing`, `not_a_drop`, `manifest_missing`,
 * `invalid_manifest`, `no_complete_drop`.
 */
export async function openCsvDrop(fileSystem: RosterFileSystem, path: string): Promise<CsvDrop> {
  const kind = await fileSystem.kind(path);
  if (kind === 'missing') {
    throw new ConnectorError('path_missing', {
      message: `${fileSystem.describe(path)} does not exist: check the configured path, or ask the district where their OneRoster export is written.`,
    });
  }
  if (kind === 'file') {
    if (!isZip(path)) {
      throw new ConnectorError('not_a_drop', {
        message: `${fileSystem.describe(path)} is a file but not a .zip: point the path at the export folder or its .zip.`,
      });
    }
    return openDrop(fileSystem, path, 'zip');
  }

  const entries = await fileSystem.list(path);
  if (entries.some((entry) => entry.name === oneRosterManifestFileName && entry.type !== 'directory')) {
    return openDrop(fileSystem, path, 'folder');
  }
  const candidates = entries
    .filter((entry) => entry.type === 'directory' || (entry.type === 'file' && isZip(entry.name)))
    .map((entry) => ({ name: entry.name, format: entry.type === 'directory' ? 'folder' : 'zip' }) as const)
    .sort((left, right) => right.name.localeCompare(left.name, 'en', { numeric: true }));
  if (candidates.length === 0) {
    throw new ConnectorError('manifest_missing', {
      message: `No ${oneRosterManifestFileName} in ${fileSystem.describe(path)}, and no dated drops (folders or .zip files) under it: a OneRoster CSV export always has a manifest; check the path or ask the district to include it.`,
    });
  }
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const candidatePath = fileSystem.join(path, candidate.name);
    let drop: CsvDrop;
    try {
      drop = await openDrop(fileSystem, candidatePath, candidate.format);
    } catch (error) {
      if (!ConnectorError.isInstance(error)) throw error;
      reasons.push(`${candidate.name}: ${error.message}`);
      continue;
    }
    const missing = missingDeclaredFiles(drop.manifest, drop.package.fileNames);
    if (missing.length === 0) return drop;
    await drop.package.close();
    reasons.push(`${candidate.name}: the manifest declares ${missing.join(', ')} but they are missing`);
  }
  throw new ConnectorError('no_complete_drop', {
    message: `No complete OneRoster drop in ${fileSystem.describe(path)} (newest first): ${reasons.join('; ')}`,
  });
}

async function openDrop(
  fileSystem: RosterFileSystem,
  path: string,
  format: 'folder' | 'zip',
): Promise<CsvDrop> {
  const csvPackage =
    format === 'zip'
      ? await openZipCsvPackage(fileSystem, path)
      : await openFolderCsvPackage(fileSystem, path);
  try {
    if (!csvPackage.fileNames.has(oneRosterManifestFileName)) {
      throw new ConnectorError('manifest_missing', {
        message: `No ${oneRosterManifestFileName} in ${csvPackage.location}: a OneRoster CSV export always has a manifest; ask the district to include it.`,
      });
    }
    const manifest = await parseOneRosterCsvManifest(
      await csvPackage.open(oneRosterManifestFileName),
      csvPackage.describeFile(oneRosterManifestFileName),
    );
    return { package: csvPackage, manifest };
  } catch (error) {
    await csvPackage.close();
    throw error;
  }
}
