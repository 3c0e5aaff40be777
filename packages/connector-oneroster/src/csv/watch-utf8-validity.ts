import type { Readable } from 'node:stream';

/** What {@link watchUtf8Validity} learned about a stream so far. */
export interface Utf8Watch {
  /** True once a byte sequence that is not valid UTF-8 has passed (it stays true). */
  readonly sawInvalidBytes: boolean;
}

/**
 * Validates the bytes of `stream` as UTF-8 while they flow to their reader, without changing them.
 *
 * A fatal streaming `TextDecoder` checks each chunk (sequences split across chunks are joined) and a
 * truncated sequence at the end. The listener is added before the reader's, so the flag is set before the
 * parser sees a chunk: a row built from invalid bytes is always read after `sawInvalidBytes` turned true.
 * Checking stops at the first invalid sequence, so a valid file pays one fast decode and a bad one less.
 */
export function watchUtf8Validity(stream: Readable): Utf8Watch {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const watch = { sawInvalidBytes: false };
  const check = (chunk?: Uint8Array) => {
    if (watch.sawInvalidBytes) return;
    try {
      if (chunk === undefined) decoder.decode();
      else decoder.decode(chunk, { stream: true });
    } catch {
      watch.sawInvalidBytes = true;
    }
  };
  stream.on('data', (chunk: Uint8Array | string) => {
    if (typeof chunk !== 'string') check(chunk);
  });
  stream.once('end', () => check());
  return watch;
}
