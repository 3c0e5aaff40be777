/** Checks a byte stream for UTF-8 validity, chunk by chunk, without changing it. */
export interface Utf8Validator {
  /** Checks the next chunk; sequences cut across chunks are joined. */
  check(chunk: Uint8Array): void;
  /** The bytes have ended: a sequence cut short at the end is invalid. */
  end(): void;
  /** True once a byte sequence that is not valid UTF-8 was seen (it stays true). */
  readonly sawInvalidBytes: boolean;
}

/**
 * A fatal streaming `TextDecoder` used only as a validator. Checking stops at the first invalid sequence,
 * so a valid file pays one fast decode per chunk and a bad one less.
 */
export function createUtf8Validator(): Utf8Validator {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let sawInvalidBytes = false;
  const decode = (chunk?: Uint8Array) => {
    if (sawInvalidBytes) return;
    try {
      if (chunk === undefined) decoder.decode();
      else decoder.decode(chunk, { stream: true });
    } catch {
      sawInvalidBytes = true;
    }
  };
  return {
    check: (chunk) => decode(chunk),
    end: () => decode(),
    get sawInvalidBytes() {
      return sawInvalidBytes;
    },
  };
}
