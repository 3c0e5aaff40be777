/**
 * Seeded randomness for the simulator. Everything the generator makes is a pure function of a seed and an
 * index, so any record can be rebuilt on its own (streaming, lookups by id) and every run is identical.
 * Never use `Math.random()` or the clock here.
 */

/** Mixes a 32-bit integer (the finaliser of MurmurHash3): small input changes flip about half the bits. */
function mix32(value: number): number {
  let mixed = value >>> 0;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** A 32-bit FNV-1a hash of a string, used to turn a text seed into a number. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/**
 * Hashes a list of non-negative integers (each below 2^53) to an unsigned 32-bit integer.
 *
 * @example hashNumbers(seedHash, 7, studentIndex) // the same three inputs always give the same output
 */
export function hashNumbers(...values: number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    const low = value >>> 0;
    const high = Math.floor(value / 0x100000000) >>> 0;
    hash = mix32(hash ^ mix32(low + 0x7f4a7c15));
    hash = mix32(hash ^ mix32(high + 0x2545f491));
  }
  return hash;
}

/** A hash of the inputs as a fraction in [0, 1). */
export function hashFraction(...values: number[]): number {
  return hashNumbers(...values) / 0x100000000;
}

/** A small seeded pseudo-random generator (mulberry32): deterministic, fast, good enough for fake data. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  integer(bound: number): number;
  /** One entry of a non-empty list. */
  pick<Item>(items: readonly Item[]): Item;
}

/** Creates a {@link Random} from a 32-bit seed, e.g. one made with {@link hashNumbers}. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 0x100000000;
  };
  return {
    next,
    integer: (bound) => Math.floor(next() * bound),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
