import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { RosterFileEntry, RosterFileSystem } from './roster-file-system.js';

/** The local disk as a {@link RosterFileSystem}: nothing to connect, nothing to close. */
export function createLocalFileSystem(): RosterFileSystem {
  return {
    describe: (path) => path,
    join: (...segments) => join(...segments),
    async kind(path) {
      try {
        const stats = await stat(path);
        return stats.isDirectory() ? 'directory' : 'file';
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
        throw error;
      }
    },
    async list(path): Promise<RosterFileEntry[]> {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.map((entry) => ({
        name: entry.name,
        type: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other',
      }));
    },
    async openRead(path): Promise<Readable> {
      const stream = createReadStream(path);
      // Surface "file not found" here rather than on the first read.
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return stream;
    },
    async localCopy(path) {
      return { path, cleanup: async () => {} };
    },
    async close() {},
  };
}
