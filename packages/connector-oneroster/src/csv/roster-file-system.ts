import type { Readable } from 'node:stream';

/** One entry of a folder listing. */
export interface RosterFileEntry {
  name: string;
  type: 'file' | 'directory' | 'other';
}

/**
 * The few file operations the CSV reader needs, over a local disk or an SFTP session. One instance is one
 * open session: `close()` releases it (the SFTP connection).
 */
export interface RosterFileSystem {
  /** `sftp://host:22/path` or the local path, for messages. Never contains secrets. */
  describe(path: string): string;
  /** Joins path segments in this file system's syntax (always `/` on SFTP). */
  join(...segments: string[]): string;
  kind(path: string): Promise<'file' | 'directory' | 'missing'>;
  list(path: string): Promise<RosterFileEntry[]>;
  /** A stream of the file's bytes; the caller destroys it when done. */
  openRead(path: string): Promise<Readable>;
  /**
   * A local file with the same content, for formats that need random access (zip). Local files are used in
   * place; remote ones are downloaded to a temporary file that `cleanup()` removes.
   */
  localCopy(path: string): Promise<{ path: string; cleanup(): Promise<void> }>;
  close(): Promise<void>;
}
