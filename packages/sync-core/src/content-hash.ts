import { createHash } from 'node:crypto';
import type { RosterEntity, RosterRecordByEntity } from '@aivo/connector-sdk';
import type { StoredRecord } from './roster-store.js';

/** Fields that never count as content: the source payload, the record status and the source's timestamp. */
const nonContentFields = new Set(['raw', 'status', 'dateLastModified']);

/** The record without `raw`, `status` and `dateLastModified`: what a store keeps and what is hashed. */
export function toStoredRecord<Entity extends RosterEntity>(
  record: RosterRecordByEntity[Entity],
): StoredRecord<Entity> {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!nonContentFields.has(key) && value !== undefined) content[key] = value;
  }
  return content as StoredRecord<Entity>;
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

/**
 * SHA-256 (hex) of a record's normalized content, ignoring `raw`, `status`, `dateLastModified` and key order.
 * Two reads of unchanged data give the same hash, so unchanged rows are never rewritten.
 *
 * @example contentHash({ sourcedId: 's1', name: 'Lincoln', type: 'school', raw: {…} })
 */
export function contentHash(record: object): string {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!nonContentFields.has(key)) content[key] = value;
  }
  return createHash('sha256')
    .update(JSON.stringify(withSortedKeys(content)))
    .digest('hex');
}
