import * as crypto from 'node:crypto';
import type { RosterEntity, RosterRecordByEntity } from '@aivo/connector-sdk';
import type { StoredRecord } from './roster-store.js';

// This runs twice for every record of every run (about 890,000 records in a large district), so it writes the
// canonical JSON directly instead of building two copies of each record first. The hash must stay byte-identical to the original definition — SHA-256 (hex) of
// `JSON.stringify(withSortedKeys(content))` — because stored rows keep their hashes: a different string would
// rewrite every row on the next sync. content-hash.test.ts compares both on seeded random input.

/** Fields that never count as content: the source payload, the record status and the source's timestamp. */
function isNonContentField(key: string): boolean {
  return key === 'raw' || key === 'status' || key === 'dateLastModified';
}

/** The record without `raw`, `status` and `dateLastModified`: what a store keeps and what is hashed. */
export function toStoredRecord<Entity extends RosterEntity>(
  record: RosterRecordByEntity[Entity],
): StoredRecord<Entity> {
  const source = record as Record<string, unknown>;
  const content: Record<string, unknown> = {};
  const keys = Object.keys(source);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const value = source[key];
    if (value !== undefined && !isNonContentField(key)) content[key] = value;
  }
  return content as StoredRecord<Entity>;
}

/**
 * SHA-256 (hex) of a record's normalized content, ignoring `raw`, `status`, `dateLastModified` and key order.
 * Two reads of unchanged data give the same hash, so unchanged rows are never rewritten.
 *
 * @example contentHash({ sourcedId: 's1', name: 'Lincoln', type: 'school', raw: {…} })
 */
export function contentHash(record: object): string {
  let text: string;
  try {
    text = canonicalObjectJson(record as Record<string, unknown>, true);
  } catch (error) {
    if (error !== needsSortedCopy) throw error;
    text = JSON.stringify(withSortedKeys(contentWithoutNonContentFields(record)));
  }
  return sha256Hex(text);
}

/** `crypto.hash` (Node ≥ 20.12) hashes a string in one call, without a Hash object; older Node falls back. */
const oneShotHash: typeof crypto.hash | undefined = (crypto as Partial<typeof crypto>).hash;

function sha256Hex(text: string): string {
  if (oneShotHash) return oneShotHash('sha256', text, 'hex');
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * Thrown by the direct serializer for the few inputs where JSON.stringify of a sorted *copy* behaves in a way
 * the copy-free walk does not reproduce: an own `__proto__` key (assigning it to the copy sets the copy's
 * prototype instead of a property), a `toJSON` function (JSON.stringify would call it on the copy), or an
 * array that is not a plain array of this realm (`map` keeps its subclass). Those take the original path.
 */
const needsSortedCopy = new Error('content needs the sorted-copy serialization');

/**
 * What `JSON.stringify(withSortedKeys(object))` returns, written directly; `topLevel` drops the non-content
 * fields. Undefined entries are skipped (withSortedKeys), and so are functions and symbols (JSON.stringify).
 */
function canonicalObjectJson(object: Record<string, unknown>, topLevel: boolean): string {
  const layout = keyLayoutOf(Object.keys(object), topLevel);
  if (layout.needsSortedCopy) throw needsSortedCopy;
  const { orderedKeys, keyPrefixes } = layout;
  let text = '{';
  let empty = true;
  for (let index = 0; index < orderedKeys.length; index += 1) {
    const key = orderedKeys[index] as string;
    const value = object[key];
    if (value === undefined || typeof value === 'symbol') continue;
    if (typeof value === 'function') {
      if (key === 'toJSON') throw needsSortedCopy;
      continue;
    }
    const valueJson = canonicalValueJson(value);
    text += empty ? `${keyPrefixes[index]}${valueJson}` : `,${keyPrefixes[index]}${valueJson}`;
    empty = false;
  }
  return `${text}}`;
}

/** One value inside an object or array; never undefined, a function or a symbol (callers handle those). */
function canonicalValueJson(value: unknown): string {
  if (typeof value === 'string') return stringJson(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value); // bigint: throws exactly as before
  if (Array.isArray(value)) return canonicalArrayJson(value);
  return canonicalObjectJson(value as Record<string, unknown>, false);
}

function canonicalArrayJson(array: unknown[]): string {
  if (Object.getPrototypeOf(array) !== Array.prototype) throw needsSortedCopy;
  let text = '[';
  for (let index = 0; index < array.length; index += 1) {
    if (index > 0) text += ',';
    const item = array[index];
    // JSON.stringify writes null for undefined, functions, symbols and holes in arrays.
    const omitted = item === undefined || typeof item === 'function' || typeof item === 'symbol';
    text += omitted ? 'null' : canonicalValueJson(item);
  }
  return `${text}]`;
}

/** Characters JSON.stringify escapes (controls, quote, backslash) or may escape (surrogates, when lone). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes
const mayNeedEscaping = /[\u0000-\u001f"\\\ud800-\udfff]/;

function stringJson(text: string): string {
  return mayNeedEscaping.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** How an object with these own keys serializes: which keys in which order, each with its `"key":` text. */
interface KeyLayout {
  ownKeys: string[];
  topLevel: boolean;
  orderedKeys: string[];
  keyPrefixes: string[];
  needsSortedCopy: boolean;
}

// Records of one entity share their keys in the same order, so the sorted order and the quoted keys are
// worked out once per shape and reused; a few recent shapes are kept (records, and objects nested in them).
const recentLayouts: KeyLayout[] = [];
const maxRecentLayouts = 32;

function keyLayoutOf(ownKeys: string[], topLevel: boolean): KeyLayout {
  for (const layout of recentLayouts) {
    if (layout.topLevel === topLevel && sameKeys(layout.ownKeys, ownKeys)) return layout;
  }
  const orderedKeys = keysAsJsonListsThemOnASortedCopy(ownKeys).filter(
    (key) => !(topLevel && isNonContentField(key)),
  );
  const layout: KeyLayout = {
    ownKeys,
    topLevel,
    orderedKeys,
    keyPrefixes: orderedKeys.map((key) => `${JSON.stringify(key)}:`),
    needsSortedCopy: orderedKeys.includes('__proto__'),
  };
  if (recentLayouts.length === maxRecentLayouts) recentLayouts.pop();
  recentLayouts.unshift(layout);
  return layout;
}

function sameKeys(left: string[], right: string[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) {
    if (left[index] !== right[index]) return false;
  }
  return true;
}

/**
 * withSortedKeys *inserts* keys in sorted order, but JSON.stringify lists an object's array-index keys
 * ("0", "17") first, in numeric order, then the other keys in insertion order.
 */
function keysAsJsonListsThemOnASortedCopy(ownKeys: string[]): string[] {
  const sorted = ownKeys.slice().sort();
  const indexKeys = sorted.filter(isArrayIndex).sort((left, right) => Number(left) - Number(right));
  return indexKeys.concat(sorted.filter((key) => !isArrayIndex(key)));
}

/** A canonical integer string below 2^32 - 1 ("0", "17"; not "01", "-1" or "4294967295"): an array index. */
function isArrayIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && key.length > 1)) return false;
  for (let index = 1; index < key.length; index += 1) {
    const code = key.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return Number(key) < 4_294_967_295;
}

// The original definition, kept for the inputs the direct serializer declines (see needsSortedCopy).

function contentWithoutNonContentFields(record: object): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!isNonContentField(key)) content[key] = value;
  }
  return content;
}

/** A copy with object keys sorted at every level, so equal content always serializes the same way. */
function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = withSortedKeys(entry);
  }
  return sorted;
}
