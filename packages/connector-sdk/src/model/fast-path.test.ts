import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { academicSessionSchema } from './academic-session.js';
import { courseSchema } from './course.js';
import { enrollmentSchema } from './enrollment.js';
import { createFastObjectParser } from './fast-path.js';
import { isRealCalendarDate } from './lenient-values.js';
import { orgSchema } from './org.js';
import { parseRosterRecord, withoutSecretFields } from './parse-roster-record.js';
import { rosterClassSchema } from './roster-class.js';
import { type RosterEntity, rosterRecordSchemas } from './roster-entity.js';
import { userSchema } from './user.js';

// The fast path must agree with zod on every row of strings: same records (keys, order, values) when it
// accepts, and it may only decline. Rows are drawn with a fixed seed from cells that real feeds send,
// valid and not.
const text = ['', ' ', 'Ana', ' Ana ', 'O"Neil', 'Zoë', 'a,b', '\tx\t'];
const id = ['u1', ' u1 ', '', '  ', 'a,b', 'é-1'];
const pools: Record<string, string[]> = {
  status: ['', 'active', 'Active', ' tobedeleted ', 'inactive', 'DELETED', 'archived', ' '],
  dateLastModified: [
    '',
    ' ',
    '2024-08-01',
    '2024-08-01T10:00:00Z',
    '2024-08-01T10:00:00.123Z',
    '2024-08-01T02:00:00+02:00',
    '2024-02-30T00:00:00Z',
    '2024-13-01',
    '0050-01-01T00:00:00Z',
    '9999-12-31T23:59:59-05:00',
    'yesterday',
    ' 2024-08-01 ',
    '2024-08-01 10:00',
    '2024-08-01Tgarbage',
  ],
  date: [
    '',
    ' ',
    '2025-08-15',
    ' 2025-08-15 ',
    '2024-02-29',
    '2023-02-29',
    '2024-08-01T00:00:00Z',
    '08/01/2024',
    '0050-01-01',
    '2024-8-1',
  ],
  boolean: ['', 'true', 'TRUE', ' false ', '1', '0', 'yes', 'N', 'maybe', ' '],
  multi: ['', 'a', 'a,b', ' a , b ', ',,', 'a,,b,', ' '],
  grades: ['', '09', '9,10', 'K, KG', 'Kindergarten', 'weird', ' 1 , 13 ,14', ','],
  userIds: ['', '{SIS:1},{LDAP:x}', '{ SIS : 1 }', '{nocolon}', 'garbage', '{a:b:c}', '{}', '{SIS:1'],
  userRole: ['student', 'Student', ' TEACHER ', 'aide', 'ext:counselor', 'EXT:x', 'wizard', '', 'guardian'],
  enrollmentRole: ['student', 'teacher', 'Teacher', 'proctor', 'guardian', '', 'ext:x'],
  orgType: ['district', 'School', ' school ', 'ext:region', 'campus', ''],
  sessionType: ['schoolYear', 'SCHOOLYEAR', 'term', 'gradingPeriod', 'quarter', ''],
  classType: ['', 'scheduled', 'Homeroom', 'lab', 'ext:lab', ' '],
};
const dateFields = new Set(['beginDate', 'endDate', 'startDate']);
const multiFields = new Set([
  'orgSourcedIds',
  'agentSourcedIds',
  'subjects',
  'subjectCodes',
  'periods',
  'termSourcedIds',
]);
const idFields = new Set(['sourcedId', 'parentSourcedId', 'schoolYear']);

function poolOf(entity: RosterEntity, field: string): string[] {
  if (field === 'role') return entity === 'users' ? pools.userRole! : pools.enrollmentRole!;
  if (field === 'type') return entity === 'orgs' ? pools.orgType! : pools.sessionType!;
  if (field === 'enabledUser' || field === 'primary') return pools.boolean!;
  if (dateFields.has(field)) return pools.date!;
  if (multiFields.has(field)) return pools.multi!;
  if (field in pools) return pools[field]!;
  if (idFields.has(field) || field.endsWith('SourcedId')) return id;
  return text;
}

const shapes: Record<RosterEntity, Record<string, z.ZodType>> = {
  orgs: orgSchema.shape,
  academicSessions: academicSessionSchema.shape,
  courses: courseSchema.shape,
  classes: rosterClassSchema.shape,
  users: userSchema.shape,
  enrollments: enrollmentSchema.shape,
};
/**
 * A CSV-like row: every field of the entity as a string from its pool (a valid row only cells its field
 * schema accepts), `raw` the same cells plus a password.
 */
function rowOf(entity: RosterEntity, valid: boolean): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.keys(shapes[entity]).filter((field) => field !== 'raw');
  const cells = fields.map((field) => {
    const pool = poolOf(entity, field);
    const accepted = pool.filter((cell) => shapes[entity][field]!.safeParse(cell).success);
    return fc.constantFrom(...(valid && accepted.length > 0 ? accepted : pool));
  });
  return fc.tuple(fc.nat(999), ...cells).map(([number, ...values]) => {
    const row = Object.fromEntries(fields.map((field, index) => [field, values[index] as string]));
    if (valid) row.sourcedId = `id-${number}`;
    return { ...row, raw: { ...row, password: 'secret' } };
  });
}

const entities = Object.keys(shapes) as RosterEntity[];

describe('fast path of parseRosterRecord', () => {
  it.each(entities)(
    '%s: agrees with zod on 3,000 seeded rows of strings and takes most valid rows',
    (entity) => {
      const fast = createFastObjectParser(shapes[entity]);
      const schema = rosterRecordSchemas[entity];
      let fastAccepted = 0;
      let validRows = 0;
      fc.assert(
        fc.property(
          fc.boolean().chain((valid) => rowOf(entity, valid).map((input) => ({ valid, input }))),
          ({ valid, input }) => {
            const raw = withoutSecretFields(input.raw as Record<string, unknown>) as Record<string, string>;
            const reference = schema.safeParse({ ...input, raw });
            const fastRecord = fast(input, { ...raw });
            if (reference.success && valid) validRows += 1;
            if (fastRecord === undefined) return;
            fastAccepted += 1;
            expect(reference.success).toBe(true);
            expect(fastRecord).toStrictEqual(reference.data);
            expect(Object.keys(fastRecord)).toEqual(Object.keys(reference.data as object));
            // parseRosterRecord gives the same record through its fast path.
            const parsed = parseRosterRecord(entity, input);
            expect(parsed.success && parsed.record).toStrictEqual(reference.data);
          },
        ),
        { seed: 20_261_126 + entities.indexOf(entity), numRuns: 3_000 },
      );
      expect(validRows, entity).toBeGreaterThan(1_000);
      // Most rows zod accepts must go the fast way, or the fast path does not pay for itself.
      expect(fastAccepted, entity).toBeGreaterThan(validRows * 0.5);
    },
  );

  it('declines values it cannot vouch for and leaves them to zod (same issues as before)', () => {
    const row = {
      sourcedId: 'e1',
      status: '',
      dateLastModified: '0050-01-01T00:00:00Z',
      classSourcedId: 'c1',
      schoolSourcedId: '',
      userSourcedId: 'u1',
      role: 'ext:mentor',
      primary: 'false',
      beginDate: '',
      endDate: '',
    };
    expect(createFastObjectParser(enrollmentSchema.shape)(row, {})).toBeUndefined();
    const parsed = parseRosterRecord('enrollments', row);
    expect(parsed.success && parsed.record).toMatchObject({
      role: 'ext:mentor',
      dateLastModified: '0050-01-01T00:00:00Z',
    });
    const wrong = parseRosterRecord('enrollments', { ...row, role: 'wizard', beginDate: '2024-02-30' });
    expect(wrong.success).toBe(false);
    if (!wrong.success) {
      expect(wrong.issue.details?.map((detail) => detail.path).sort()).toEqual(['beginDate', 'role']);
    }
  });

  it('takes non-string input (JSON from an API) the zod way', () => {
    const parsed = parseRosterRecord('users', {
      sourcedId: 'u1',
      role: 'student',
      givenName: 'Ana',
      familyName: 'Lee',
      enabledUser: false,
      grades: ['9'],
      raw: { nested: { password: 'kept-inside' }, password: 'dropped' },
    });
    expect(parsed.success && parsed.record).toMatchObject({
      enabledUser: false,
      grades: ['09'],
      raw: { nested: { password: 'kept-inside' } },
    });
  });
});

describe('isRealCalendarDate', () => {
  it('agrees with Date.UTC on every day of years 0–120, around the Gregorian leap rules and up to 9999', () => {
    const byDate = (year: number, month: number, day: number) => {
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    };
    const years = [
      ...Array.from({ length: 121 }, (_, year) => year),
      1582,
      1600,
      1700,
      1900,
      2000,
      2023,
      2024,
      2100,
      2400,
      9999,
    ];
    for (const year of years)
      for (let month = 0; month <= 13; month += 1)
        for (let day = 0; day <= 32; day += 1)
          expect(isRealCalendarDate(year, month, day), `${year}-${month}-${day}`).toBe(
            byDate(year, month, day),
          );
  });
});
