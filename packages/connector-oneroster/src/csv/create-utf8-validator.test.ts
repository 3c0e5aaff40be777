import { describe, expect, it } from 'vitest';
import { createUtf8Validator } from './create-utf8-validator.js';

function validate(chunks: number[][]): boolean {
  const validator = createUtf8Validator();
  for (const chunk of chunks) validator.check(Uint8Array.from(chunk));
  validator.end();
  return validator.sawInvalidBytes;
}

describe('createUtf8Validator', () => {
  it('accepts sequences cut across chunks', () => {
    // '€' (e2 82 ac) and '😀' (f0 9f 98 80) each split over two chunks.
    expect(
      validate([
        [0x41, 0xe2],
        [0x82, 0xac, 0xf0, 0x9f],
        [0x98, 0x80],
      ]),
    ).toBe(false);
  });

  it('flags a byte that is never valid, a broken sequence and one cut short at the end', () => {
    expect(validate([[0x41], [0xff]])).toBe(true);
    expect(validate([[0xe2, 0x82], [0x41]])).toBe(true);
    expect(validate([[0x41], [0xe2, 0x82]])).toBe(true);
  });

  it('accepts a genuine U+FFFD (ef bf bd)', () => {
    expect(validate([[0xef, 0xbf], [0xbd]])).toBe(false);
  });
});
