import { z } from 'zod';
import { baseRecordShape } from './base-record.js';
import { withFastPath } from './fast-path.js';
import {
  gradesSchema,
  lenientBooleanDefaultingTo,
  lenientEnumSchema,
  multiValueSchema,
  optionalTextSchema,
  requiredTextSchema,
} from './lenient-values.js';

export const userRoles = [
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'student',
  'teacher',
] as const;

/** An identifier of the user in another system, e.g. `{ type: 'LDAP', identifier: '12' }`. */
export const userIdSchema = z.object({ type: z.string().trim(), identifier: z.string().trim() });
export type UserId = z.infer<typeof userIdSchema>;

/**
 * Parses `userIds` from an array of `{type, identifier}` or from the CSV form `"{LDAP:12},{SIS:778}"`.
 */
function parseUserIds(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return value;
  const entries = value.match(/\{[^}]*\}/g) ?? [];
  return entries.map((entry) => {
    const inner = entry.slice(1, -1);
    const colon = inner.indexOf(':');
    return colon === -1
      ? { type: '', identifier: inner.trim() }
      : { type: inner.slice(0, colon).trim(), identifier: inner.slice(colon + 1).trim() };
  });
}

/** A person: student, teacher, administrator, aide, guardian… One record per role the model needs. */
export const userSchema = z.object({
  ...baseRecordShape,
  enabledUser: lenientBooleanDefaultingTo(true),
  role: lenientEnumSchema(userRoles),
  orgSourcedIds: multiValueSchema,
  username: optionalTextSchema,
  // parseUserIds trims both parts of each entry, as userIdSchema would.
  userIds: withFastPath(z.preprocess(parseUserIds, z.array(userIdSchema)), parseUserIds),
  givenName: requiredTextSchema,
  familyName: requiredTextSchema,
  middleName: optionalTextSchema,
  /** The district's own number for the person (student number for students). */
  identifier: optionalTextSchema,
  email: optionalTextSchema,
  sms: optionalTextSchema,
  phone: optionalTextSchema,
  /** Related users: guardians of a student, students of a guardian. */
  agentSourcedIds: multiValueSchema,
  grades: gradesSchema,
});

export type User = z.infer<typeof userSchema>;
export type UserInput = z.input<typeof userSchema>;
export type UserRole = User['role'];
