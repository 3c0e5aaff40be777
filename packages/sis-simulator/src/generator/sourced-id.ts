import { hashText } from './random.js';

/**
 * What a sourcedId points at. The two-hex-digit code sits after the seed prefix, so ids sort by kind and
 * then by index: every iterable of the simulator yields its records in ascending sourcedId order, which is
 * the order Clever pages in.
 */
export const recordKindCodes = {
  district: 0x01,
  school: 0x02,
  academicSession: 0x10,
  course: 0x20,
  class: 0x30,
  student: 0x40,
  teacher: 0x41,
  administrator: 0x42,
  aide: 0x43,
  guardian: 0x44,
  enrollment: 0x50,
} as const;

export type RecordKind = keyof typeof recordKindCodes;

const kindByCode = new Map<number, RecordKind>(
  Object.entries(recordKindCodes).map(([kind, code]) => [code, kind as RecordKind]),
);

/** The largest index a sourcedId can carry (14 hex digits, kept within exact JavaScript integers). */
const maximumIndex = Number.MAX_SAFE_INTEGER;

/** Encodes and decodes the 24-hex-digit sourcedIds of one seed. */
export interface SourcedIdCodec {
  /** The 8 hex digits every id of this seed starts with. */
  readonly prefix: string;
  encode(kind: RecordKind, index: number): string;
  /** The kind and index of an id of this seed, or `undefined` for anything else. */
  decode(sourcedId: string): { kind: RecordKind; index: number } | undefined;
}

/**
 * Creates the id codec of a seed. Ids are `<8 hex: seed hash><2 hex: kind><14 hex: index>`: 24 lowercase
 * hex digits, so they double as Clever ObjectIds, and they sort the same way on every run.
 *
 * @example createSourcedIdCodec(42).encode('student', 0) // '…40' + '00000000000000'
 */
export function createSourcedIdCodec(seed: number | string): SourcedIdCodec {
  const prefix = hashText(`aivo-sis-simulator:${String(seed)}`)
    .toString(16)
    .padStart(8, '0');
  return {
    prefix,
    encode(kind, index) {
      if (!Number.isSafeInteger(index) || index < 0 || index > maximumIndex) {
        throw new RangeError(
          `Cannot make a sourcedId for ${kind} index ${index}: it must be a safe integer.`,
        );
      }
      return `${prefix}${recordKindCodes[kind].toString(16).padStart(2, '0')}${index.toString(16).padStart(14, '0')}`;
    },
    decode(sourcedId) {
      if (sourcedId.length !== 24 || !sourcedId.startsWith(prefix)) return undefined;
      const kind = kindByCode.get(Number.parseInt(sourcedId.slice(8, 10), 16));
      const index = Number.parseInt(sourcedId.slice(10), 16);
      if (kind === undefined || !/^[0-9a-f]{16}$/.test(sourcedId.slice(8)) || !Number.isSafeInteger(index)) {
        return undefined;
      }
      return { kind, index };
    },
  };
}
