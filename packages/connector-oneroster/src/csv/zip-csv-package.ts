import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { CsvPackage } from './csv-package.js';
import { oneRosterManifestFileName } from './oneroster-csv-files.js';
import type { RosterFileSystem } from './roster-file-system.js';

/**
 * A drop that is a `.zip`. yauzl reads the central directory with random access and inflates one entry at a
 * time as a stream, so no file is ever held in memory whole. Remote zips are first downloaded to a temporary
 * file (removed on `close()`), because SFTP streams cannot seek.
 *
 * Files are expected at the zip's root; a zip whose files all sit in one folder (a common way of zipping a
 * folder) is read from that folder.
 */
export async function openZipCsvPackage(fileSystem: RosterFileSystem, zipPath: string): Promise<CsvPackage> {
  const copy = await fileSystem.localCopy(zipPath);
  let zipFile: yauzl.ZipFile | undefined;
  try {
    zipFile = await yauzl.openPromise(copy.path, { lazyEntries: true, autoClose: false });
    const entries = await readEntries(zipFile);
    const manifestEntry = [...entries.keys()].find(
      (name) => name === oneRosterManifestFileName || name.endsWith(`/${oneRosterManifestFileName}`),
    );
    const prefix = manifestEntry ? manifestEntry.slice(0, -oneRosterManifestFileName.length) : '';
    const byFileName = new Map<string, yauzl.Entry>();
    for (const [name, entry] of entries) {
      if (!name.startsWith(prefix)) continue;
      const fileName = name.slice(prefix.length);
      if (fileName !== '' && !fileName.includes('/')) byFileName.set(fileName, entry);
    }
    const location = fileSystem.describe(zipPath);
    const openZip = zipFile;
    return {
      location,
      fileNames: new Set(byFileName.keys()),
      describeFile: (fileName) => `${location}!${prefix}${fileName}`,
      async open(fileName): Promise<Readable> {
        const entry = byFileName.get(fileName);
        if (!entry) throw new Error(`${fileName} is not in ${location}`);
        return openZip.openReadStreamPromise(entry);
      },
      async close() {
        openZip.close();
        await copy.cleanup();
      },
    };
  } catch (error) {
    zipFile?.close();
    await copy.cleanup();
    throw error;
  }
}

function readEntries(zipFile: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zipFile.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
      zipFile.readEntry();
    });
    zipFile.once('end', () => resolve(entries));
    zipFile.once('error', reject);
    zipFile.readEntry();
  });
}
