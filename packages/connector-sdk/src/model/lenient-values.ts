import { z } from 'zod';
import { normalizeGrade } from './grade.js';

/** Empty strings, whitespace and `null` mean "absent" in every feed we read. */
export function emptyToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** An optional, trimmed string where `""` and `null` count as absent. */
export const optionalTextSchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .transform((value) => value.trim())
    .optional(),
);

/** A required, trimmed, non-empty string. */
export const requiredTextSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : value),
  z.string().min(1, 'must not be empty'),
);

/** `true`, `"true"`, `"TRUE"`, `"1"` and `"yes"` are true; their opposites false. */
export const lenientBooleanSchema = z.preprocess((value) => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : value;
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'y'].includes(lowered)) return true;
    if (['false', '0', 'no', 'n'].includes(lowered)) return false;
  }
  return value;
}, z.boolean());

const datePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date as `YYYY-MM-DD`; accepts a full timestamp and keeps its date part. */
export const lenientDateSchema = z.preprocess(
  (value) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    if (typeof value !== 'string') return value;
    const match = datePattern.exec(value.trim());
    if (!match) return value;
    const [, year, month, day] = match;
    if (!isRealCalendarDate(Number(year), Number(month), Number(day))) return value;
    return `${year}-${month}-${day}`;
  },
  z.string().refine((value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match !== null && isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  }, 'must be a real date like 2024-08-01'),
);

/** A point in time as an ISO 8601 UTC string; a bare date means midnight UTC. */
export const lenientDateTimeSchema = z.preprocess(
  (value) => {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString();
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    const match = datePattern.exec(trimmed);
    if (!match) return value;
    // `new Date` rolls 2024-02-30 over to March 1; an impossible date must fail instead.
    if (!isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return value;
    const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
    return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
  },
  z.iso.datetime({ message: 'must be a date-time like 2024-08-01T00:00:00Z' }),
);

/**
 * A multi-value field: an array, or one comma-separated cell as the OneRoster CSV binding writes it
 * (`"09,10"`). Empty entries are dropped.
 */
export function splitMultiValue(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }
  return value;
}

/** A list of strings from an array or a comma-separated cell. */
export const multiValueSchema = z.preprocess(
  splitMultiValue,
  z.array(z.string().transform((entry) => entry.trim())).transform((entries) => entries.filter(Boolean)),
);

/** A list of grades, each normalized to its CEDS code (`9` → `09`). */
export const gradesSchema = multiValueSchema.transform((grades) => grades.map(normalizeGrade));

/**
 * A case-insensitive enum: `"Student"` and `"STUDENT"` parse as `student`. Values starting with `ext:`
 * (OneRoster's extension mechanism) are kept as they are.
 */
export function lenientEnumSchema<const Values extends readonly [string, ...string[]]>(values: Values) {
  const byLowerCase = new Map(values.map((value) => [value.toLowerCase(), value]));
  return z.preprocess(
    (value) => {
      if (typeof value !== 'string') return value;
      const trimmed = value.trim();
      if (/^ext:/i.test(trimmed)) return trimmed;
      return byLowerCase.get(trimmed.toLowerCase()) ?? trimmed;
    },
    z.union([z.enum(values), z.templateLiteral(['ext:', z.string()])], {
      error: (issue) => `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})`,
    }),
  );
}

/** Record status. Legacy `inactive` and `deleted` mean `tobedeleted`; a blank status (bulk files) means active. */
export const recordStatusSchema = z.preprocess(
  (value) => {
    if (value === undefined || value === null) return 'active';
    if (typeof value !== 'string') return value;
    const lowered = value.trim().toLowerCase();
    if (lowered === '') return 'active';
    if (lowered === 'inactive' || lowered === 'deleted') return 'tobedeleted';
    return lowered;
  },
  z.enum(['active', 'tobedeleted']),
);
