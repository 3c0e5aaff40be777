import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { watchUtf8Validity } from './watch-utf8-validity.js';

async function watchChunks(chunks: number[][]) {
  const stream = Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  const watch = watchUtf8Validity(stream);
  const seen: number[] = [];
  for await (const chunk of stream) seen.push(...(chunk as Buffer));
  return { sawInvalidBytes: watch.sawInvalidBytes, seen };
}

describe('watchUtf8Validity', () => {
  it('accepts sequences cut across chunks and leaves the bytes untouched', async () => {
    // '€' (e2 82 ac) and '😀' (f0 9f 98 80) each split over two chunks.
    const result = await watchChunks([
      [0x41, 0xe2],
      [0x82, 0xac, 0xf0, 0x9f],
      [0x98, 0x80],
    ]);
    expect(result).toEqual({
      sawInvalidBytes: false,
      seen: [0x41, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80],
    });
  });

  it('flags a byte that is never valid, a broken sequence and one cut short at the end', async () => {
    expect((await watchChunks([[0x41], [0xff]])).sawInvalidBytes).toBe(true);
    expect((await watchChunks([[0xe2, 0x82], [0x41]])).sawInvalidBytes).toBe(true);
    expect((await watchChunks([[0x41], [0xe2, 0x82]])).sawInvalidBytes).toBe(true);
  });

  it('accepts a genuine U+FFFD (ef bf bd)', async () => {
    expect((await watchChunks([[0xef, 0xbf], [0xbd]])).sawInvalidBytes).toBe(false);
  });
});
