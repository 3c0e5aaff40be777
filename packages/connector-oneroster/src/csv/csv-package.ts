import type { Readable } from 'node:stream';
import type { RosterFileSystem } from './roster-file-system.js';

/**
 * One OneRoster CSV drop, opened: a folder or a zip whose files can be streamed one at a time.
 * `close()` releases what opening took (zip handle, downloaded temporary copy).
 */
export interface CsvPackage {
  /** Where the drop is, e.g. `sftp://sis.example.org:22/exports/2024-08-01.zip`. */
  readonly location: string;
  /** The file names in the drop (at its root). */
  readonly fileNames: ReadonlySet<string>;
  /** Where one file of the drop is, for issues and errors, e.g. `…/2024-08-01.zip!users.csv`. */
  describeFile(fileName: string): string;
  open(fileName: string): Promise<Readable>;
  close(): Promise<void>;
}

/** A drop that is a plain folder: each file is streamed straight from the file system. */
export async function openFolderCsvPackage(
  fileSystem: RosterFileSystem,
  folder: string,
): Promise<CsvPackage> {
  const entries = await fileSystem.list(folder);
  const fileNames = new Set(entries.filter((entry) => entry.type !== 'directory').map((entry) => entry.name));
  return {
    location: fileSystem.describe(folder),
    fileNames,
    describeFile: (fileName) => fileSystem.describe(fileSystem.join(folder, fileName)),
    open: (fileName) => fileSystem.openRead(fileSystem.join(folder, fileName)),
    async close() {},
  };
}
