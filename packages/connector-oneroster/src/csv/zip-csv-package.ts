import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { CsvPackage } from './csv-package.js';
import { oneRosterManifestFileName } from './oneroster-csv-files.js';
import type { RosterFileSystem } from './roster-file-system.js';
import { zipUnreadableError } from './zip-unreadable-error.js';

/**
 * A drop that is a `.zip`. yauzl reads the central directory with random access and inflates one entry at a
 * time as a stream, so no file is ever held in memory whole. Remote zips are first downloaded to a temporary
 * file (removed on `close()`), because SFTP streams cannot seek.
 *
 * Files are expected at the zip's root; a zip whose files all sit in one folder (a common way of zipping a
 * folder) is read from that folder.
 *
 * A zip that cannot be read (truncated, damaged) fails with code `zip_unreadable`, whether opening it or
 * inflating one of its files.
 */
export async function openZipCsvPackage(fileSystem: RosterFileSystem, zipPath: string): Promise<CsvPackage> {
  const copy = await fileSystem.localCopy(zipPath);
  const location = fileSystem.describe(zipPath);
  let zipFile: yauzl.ZipFile | undefined;
  try {
    let entries: Map<string, yauzl.Entry>;
    try {
      zipFile = await yauzl.openPromise(copy.path, { lazyEntries: true, autoClose: false });
      entries = await readEntries(zipFile);
    } catch (error) {
      throw zipUnreadableError(location, error);
    }
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
    const openZip = zipFile;
    return {
      location,
      fileNames: new Set(byFileName.keys()),
      describeFile: (fileName) => `${location}!${prefix}${fileName}`,
      async open(fileName): Promise<Readable> {
        const entry = byFileName.get(fileName);
        if (!entry) throw new Error(`${fileName} is not in ${location}`);
        return openEntry(openZip, entry, location);
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

/**
 * Streams one file of the zip. yauzl reports damage inside a file (bad deflate data, wrong sizes) as plain
 * errors of the entry stream; they reach the reader as `zip_unreadable` instead, saying what to do.
 */
async function openEntry(zipFile: yauzl.ZipFile, entry: yauzl.Entry, location: string): Promise<Readable> {
  let entryStream: Readable;
  try {
    entryStream = await zipFile.openReadStreamPromise(entry);
  } catch (error) {
    throw zipUnreadableError(location, error);
  }
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  entryStream.once('error', (error) => output.destroy(zipUnreadableError(location, error)));
  output.once('close', () => entryStream.destroy());
  return entryStream.pipe(output);
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
