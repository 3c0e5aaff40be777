import { z } from 'zod';
import { fastFieldParserOf, notFast, withFastPath } from './fast-path.js';
import { normalizeGrade } from './grade.js';

/** Empty strings, whitespace and `null` mean "absent" in every feed we read. */
export function emptyToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** An optional, trimmed string where `""` and `null` count as absent. */
export const optionalTextSchema = withFastPath(
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((value) => value.trim())
      .optional(),
  ),
  (value) => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  },
);

/** A required, trimmed, non-empty string. */
export const requiredTextSchema = withFastPath(
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z.string().min(1, 'must not be empty'),
  ),
  (value) => {
    const trimmed = value.trim();
    return trimmed === '' ? notFast : trimmed;
  },
);

const trueWords = ['true', '1', 'yes', 'y'];
const falseWords = ['false', '0', 'no', 'n'];

/** A boolean from a string, or the string itself when it is not a boolean word. */
function booleanOfWord(value: string): boolean | string {
  const lowered = value.trim().toLowerCase();
  if (trueWords.includes(lowered)) return true;
  if (falseWords.includes(lowered)) return false;
  return value;
}

/** `true`, `"true"`, `"TRUE"`, `"1"` and `"yes"` are true; their opposites false. */
export const lenientBooleanSchema = withFastPath(
  z.preprocess((value) => {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : value;
    if (typeof value === 'string') return booleanOfWord(value);
    return value;
  }, z.boolean()),
  (value) => {
    const parsed = booleanOfWord(value);
    return typeof parsed === 'boolean' ? parsed : notFast;
  },
);

/** A lenient boolean where a blank (or absent) value means `whenBlank`, e.g. `enabledUser` (true). */
export function lenientBooleanDefaultingTo(whenBlank: boolean) {
  const parseBoolean = fastFieldParserOf(lenientBooleanSchema);
  return withFastPath(
    z.preprocess((value) => (value === undefined || value === '' ? whenBlank : value), lenientBooleanSchema),
    (value) => (value === '' ? whenBlank : parseBoolean(value)),
  );
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when the date exists in the (proleptic Gregorian) calendar. Years below 100 are refused, as they
 * always were: this used to be checked with `Date.UTC`, which reads them as 1900–1999.
 */
export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  return day <= daysInMonth[month - 1]! + (leap ? 1 : 0);
}

/** The `YYYY-MM-DD` date a string starts with, or `undefined` when it has no real date. */
function dateOnlyOrUndefined(value: string): string | undefined {
  const trimmed = value.trim();
  const match = datePattern.exec(trimmed);
  if (!match) return undefined;
  const [whole, year, month, day] = match;
  if (!isRealCalendarDate(Number(year), Number(month), Number(day))) return undefined;
  return whole.length === 10 ? trimmed : `${year}-${month}-${day}`;
}

/** The `YYYY-MM-DD` date a string starts with, or the string unchanged when it has no real date. */
function dateOnlyOf(value: string): string {
  return dateOnlyOrUndefined(value) ?? value;
}

function isDateOnly(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A calendar date as `YYYY-MM-DD`; accepts a full timestamp and keeps its date part. */
export const lenientDateSchema = withFastPath(
  z.preprocess(
    (value) => {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
      if (typeof value !== 'string') return value;
      return dateOnlyOf(value);
    },
    z.string().refine(isDateOnly, 'must be a real date like 2024-08-01'),
  ),
  // A date found by dateOnlyOrUndefined is YYYY-MM-DD and real, which is all the refinement checks.
  (value) => dateOnlyOrUndefined(value) ?? notFast,
);

/** The UTC ISO 8601 string of a date or date-time string, or the string unchanged when it has none. */
function isoDateTimeOf(value: string): string {
  const trimmed = value.trim();
  const match = datePattern.exec(trimmed);
  if (!match) return value;
  // `new Date` rolls 2024-02-30 over to March 1; an impossible date must fail instead.
  if (!isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return value;
  const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

/** What `Date#toISOString` writes for years 0000–9999, which `z.iso.datetime()` accepts. */
const isoStringPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A point in time as an ISO 8601 UTC string; a bare date means midnight UTC. */
export const lenientDateTimeSchema = withFastPath(
  z.preprocess(
    (value) => {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString();
      if (typeof value !== 'string') return value;
      return isoDateTimeOf(value);
    },
    z.iso.datetime({ message: 'must be a date-time like 2024-08-01T00:00:00Z' }),
  ),
  (value) => {
    const dateTime = isoDateTimeOf(value);
    // Only a value this function rewrote is sure to be valid; anything else is zod's to judge.
    return dateTime !== value && isoStringPattern.test(dateTime) ? dateTime : notFast;
  },
);

/**
 * An optional date (`lenientDateSchema`) or date-time (`lenientDateTimeSchema`) where `""` and `null`
 * mean absent, e.g. an enrollment's `beginDate` or a record's `dateLastModified`.
 */
export function blankAsAbsent<Schema extends z.ZodType>(schema: Schema) {
  const parse = fastFieldParserOf(schema);
  return withFastPath(
    z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional()),
    (value) => (value === '' ? undefined : parse(value)),
  );
}

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

/** The trimmed, non-empty parts of a comma-separated cell. */
function partsOfCell(value: string): string[] {
  const parts: string[] = [];
  if (value === '') return parts;
  for (const part of value.split(',')) {
    const trimmed = part.trim();
    if (trimmed !== '') parts.push(trimmed);
  }
  return parts;
}

/** A list of strings from an array or a comma-separated cell. */
export const multiValueSchema = withFastPath(
  z.preprocess(
    splitMultiValue,
    z.array(z.string().transform((entry) => entry.trim())).transform((entries) => entries.filter(Boolean)),
  ),
  partsOfCell,
);

/** A list of grades, each normalized to its CEDS code (`9` → `09`). */
export const gradesSchema = withFastPath(
  multiValueSchema.transform((grades) => grades.map(normalizeGrade)),
  (value) => partsOfCell(value).map(normalizeGrade),
);

/**
 * A case-insensitive enum: `"Student"` and `"STUDENT"` parse as `student`. Values starting with `ext:`
 * (OneRoster's extension mechanism) are kept as they are.
 */
export function lenientEnumSchema<const Values extends readonly [string, ...string[]]>(values: Values) {
  const byLowerCase = new Map(values.map((value) => [value.toLowerCase(), value]));
  return withFastPath(
    z.preprocess(
      (value) => {
        if (typeof value !== 'string') return value;
        const trimmed = value.trim();
        if (/^ext:/i.test(trimmed)) return trimmed;
        return byLowerCase.get(trimmed.toLowerCase()) ?? trimmed;
      },
      z.union([z.enum(values), z.templateLiteral(['ext:', z.string()])], {
        error: (issue) => `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})`,
      }),
    ),
    // `ext:` values and unknown ones are left to zod; a known value (any case) is its canonical spelling.
    (value) => byLowerCase.get(value.trim().toLowerCase()) ?? notFast,
  );
}

/** `active` or `tobedeleted` for a status word, or the lowered word when it is neither. */
function statusOfWord(value: string): string {
  const lowered = value.trim().toLowerCase();
  if (lowered === '') return 'active';
  if (lowered === 'inactive' || lowered === 'deleted') return 'tobedeleted';
  return lowered;
}

/** Record status. Legacy `inactive` and `deleted` mean `tobedeleted`; a blank status (bulk files) means active. */
export const recordStatusSchema = withFastPath(
  z.preprocess(
    (value) => {
      if (value === undefined || value === null) return 'active';
      if (typeof value !== 'string') return value;
      return statusOfWord(value);
    },
    z.enum(['active', 'tobedeleted']),
  ),
  (value) => {
    const status = statusOfWord(value);
    return status === 'active' || status === 'tobedeleted' ? status : notFast;
  },
);
