import type { RecordIssue } from './record-issue.js';
import { type RosterEntity, type RosterRecordByEntity, rosterRecordSchemas } from './roster-entity.js';

/** Source fields that are never kept in a record's `raw` payload. */
const secretFieldNames = new Set(['password', 'pwd', 'credentials']);

/** Drops password-like fields from a source payload so they never reach staging tables or logs. */
export function withoutSecretFields(raw: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!secretFieldNames.has(key.toLowerCase())) kept[key] = value;
  }
  return kept;
}

export type ParseRosterRecordResult<Entity extends RosterEntity> =
  | { success: true; record: RosterRecordByEntity[Entity] }
  | { success: false; issue: RecordIssue };

/**
 * Validates and normalizes one record of `entity`. Never throws for bad data: a record that does not
 * validate comes back as a `RecordIssue` (code `invalid_record`) naming each bad field, ready for `onIssue`.
 *
 * @example
 * const result = parseRosterRecord('users', { sourcedId: 'u1', role: 'Student', givenName: 'Ana', familyName: 'Lee' });
 * if (result.success) yield result.record; else options.onIssue?.(result.issue);
 */
export function parseRosterRecord<Entity extends RosterEntity>(
  entity: Entity,
  input: Record<string, unknown>,
  location?: RecordIssue['location'],
): ParseRosterRecordResult<Entity> {
  const schema = rosterRecordSchemas[entity];
  const candidate = { ...input, raw: withoutSecretFields((input.raw as Record<string, unknown>) ?? {}) };
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { success: true, record: parsed.data };
  const sourcedId =
    typeof input.sourcedId === 'string' && input.sourcedId.trim() ? input.sourcedId.trim() : undefined;
  const details = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(record)',
    message: issue.message,
  }));
  return {
    success: false,
    issue: {
      entity,
      severity: 'error',
      code: 'invalid_record',
      message: `Invalid ${entity} record${sourcedId ? ` ${sourcedId}` : ''}: ${details
        .map((detail) => `${detail.path} ${detail.message}`)
        .join('; ')}`,
      ...(sourcedId ? { sourcedId } : {}),
      ...(location ? { location } : {}),
      details,
    },
  };
}
