import { academicSessionSchema } from './academic-session.js';
import { courseSchema } from './course.js';
import { enrollmentSchema } from './enrollment.js';
import { createFastObjectParser } from './fast-path.js';
import { orgSchema } from './org.js';
import type { RecordIssue } from './record-issue.js';
import { rosterClassSchema } from './roster-class.js';
import { type RosterEntity, type RosterRecordByEntity, rosterRecordSchemas } from './roster-entity.js';
import { userSchema } from './user.js';

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

/**
 * `withoutSecretFields` for the common case of a plain object of strings (a CSV row); `undefined` for
 * anything else, which then takes the general path.
 */
function stringFieldsWithoutSecrets(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) {
    return undefined;
  }
  const kept: Record<string, string> = {};
  for (const key in raw) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value !== 'string' || key === '__proto__') return undefined;
    if (!isSecretFieldName(key)) kept[key] = value;
  }
  return kept;
}

/** Rows repeat the same column names, so each name's answer is remembered (a few dozen names at most). */
const secretByFieldName = new Map<string, boolean>();

function isSecretFieldName(key: string): boolean {
  let secret = secretByFieldName.get(key);
  if (secret === undefined) {
    secret = secretFieldNames.has(key.toLowerCase());
    if (secretByFieldName.size < 1_000) secretByFieldName.set(key, secret);
  }
  return secret;
}

/** Hand-written parsers for rows of strings; see `fast-path.ts`. The zod schemas stay the reference. */
const fastParsers: {
  [Entity in RosterEntity]: ReturnType<typeof createFastObjectParser>;
} = {
  orgs: createFastObjectParser(orgSchema.shape),
  academicSessions: createFastObjectParser(academicSessionSchema.shape),
  courses: createFastObjectParser(courseSchema.shape),
  classes: createFastObjectParser(rosterClassSchema.shape),
  users: createFastObjectParser(userSchema.shape),
  enrollments: createFastObjectParser(enrollmentSchema.shape),
};

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
  // Rows of strings (CSV) whose every field is valid skip zod; anything else is parsed by the schema.
  const plainRaw = stringFieldsWithoutSecrets(input.raw);
  if (plainRaw !== undefined) {
    const record = fastParsers[entity](input, plainRaw);
    if (record !== undefined) return { success: true, record: record as RosterRecordByEntity[Entity] };
  }
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
