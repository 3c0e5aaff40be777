import { describe, expect, it } from 'vitest';
import { normalizeGrade } from './grade.js';
import {
  lenientBooleanSchema,
  lenientDateSchema,
  lenientDateTimeSchema,
  recordStatusSchema,
} from './lenient-values.js';
import { parseRosterRecord, withoutSecretFields } from './parse-roster-record.js';

const student = { sourcedId: 'u1', role: 'student', givenName: 'Ana', familyName: 'Lee' };

function parsedUser(input: Record<string, unknown>) {
  const result = parseRosterRecord('users', { ...student, ...input });
  if (!result.success) throw new Error(result.issue.message);
  return result.record;
}

describe('lenient values on real-world oddities', () => {
  it.each([
    ['true', true],
    [true, true],
    ['TRUE', true],
    [' True ', true],
    ['false', false],
    [false, false],
    ['FALSE', false],
    ['0', false],
  ])('boolean %j parses as %s', (input, expected) => {
    expect(lenientBooleanSchema.parse(input)).toBe(expected);
  });

  it('rejects booleans it cannot read', () => {
    expect(lenientBooleanSchema.safeParse('maybe').success).toBe(false);
  });

  it.each([
    ['9', '09'],
    ['09', '09'],
    [' 12 ', '12'],
    ['K', 'KG'],
    ['KG', 'KG'],
    ['Kindergarten', 'KG'],
    ['0', 'KG'],
    ['PreKindergarten', 'PK'],
    ['Ungraded', 'UG'],
    ['Postgraduate', 'PS'],
    ['TK', 'TK'],
    ['weird', 'weird'],
  ])('grade %j normalizes to %j', (input, expected) => {
    expect(normalizeGrade(input)).toBe(expected);
  });

  it('normalizes grade lists from arrays and CSV cells alike', () => {
    expect(parsedUser({ grades: ['9', 'K'] }).grades).toEqual(['09', 'KG']);
    expect(parsedUser({ grades: '9,10, 11' }).grades).toEqual(['09', '10', '11']);
    expect(parsedUser({ grades: '' }).grades).toEqual([]);
  });

  it('accepts dates as YYYY-MM-DD or timestamps and keeps the date part', () => {
    expect(lenientDateSchema.parse('2024-08-01')).toBe('2024-08-01');
    expect(lenientDateSchema.parse('2024-08-01T00:00:00.000Z')).toBe('2024-08-01');
    expect(lenientDateSchema.parse(new Date('2024-08-01T12:00:00Z'))).toBe('2024-08-01');
  });

  it('rejects impossible dates such as 2024-02-30 and 2023-02-29, accepts 2024-02-29', () => {
    expect(lenientDateSchema.safeParse('2024-02-30').success).toBe(false);
    expect(lenientDateSchema.safeParse('2023-02-29').success).toBe(false);
    expect(lenientDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(lenientDateSchema.safeParse('08/01/2024').success).toBe(false);
  });

  it('turns a bare date into midnight UTC for date-times and normalizes offsets to UTC', () => {
    expect(lenientDateTimeSchema.parse('2024-08-01')).toBe('2024-08-01T00:00:00.000Z');
    expect(lenientDateTimeSchema.parse('2023-05-01T18:25:43.511Z')).toBe('2023-05-01T18:25:43.511Z');
    expect(lenientDateTimeSchema.parse('2024-08-01T02:00:00+02:00')).toBe('2024-08-01T00:00:00.000Z');
    expect(lenientDateTimeSchema.safeParse('2024-02-30T00:00:00Z').success).toBe(false);
  });

  it.each([
    ['active', 'active'],
    ['Active', 'active'],
    ['', 'active'],
    [undefined, 'active'],
    ['tobedeleted', 'tobedeleted'],
    ['inactive', 'tobedeleted'],
    ['deleted', 'tobedeleted'],
  ])('status %j parses as %s', (input, expected) => {
    expect(recordStatusSchema.parse(input)).toBe(expected);
  });

  it('rejects an unknown status', () => {
    expect(recordStatusSchema.safeParse('archived').success).toBe(false);
  });
});

describe('parseRosterRecord', () => {
  it('treats empty strings as absent, as ClassLink sends them', () => {
    const user = parsedUser({ sms: '', email: '  ', middleName: '', enabledUser: '' });
    expect(user.sms).toBeUndefined();
    expect(user.email).toBeUndefined();
    expect(user.middleName).toBeUndefined();
    expect(user.enabledUser).toBe(true);
  });

  it('reads userIds from the CSV form "{LDAP:12},{SIS:778}" and from arrays', () => {
    expect(parsedUser({ userIds: '{LDAP:12},{SIS:778}' }).userIds).toEqual([
      { type: 'LDAP', identifier: '12' },
      { type: 'SIS', identifier: '778' },
    ]);
    expect(parsedUser({ userIds: [{ type: 'FED', identifier: '18125' }] }).userIds).toEqual([
      { type: 'FED', identifier: '18125' },
    ]);
  });

  it('reads enabledUser as the string "false" and role case-insensitively', () => {
    const user = parsedUser({ enabledUser: 'false', role: 'Teacher' });
    expect(user.enabledUser).toBe(false);
    expect(user.role).toBe('teacher');
  });

  it('keeps ext: enum values and reports unknown ones as an issue naming the field', () => {
    expect(parsedUser({ role: 'ext:counselor' }).role).toBe('ext:counselor');
    const result = parseRosterRecord('users', { ...student, role: 'wizard' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issue).toMatchObject({
      entity: 'users',
      code: 'invalid_record',
      sourcedId: 'u1',
      severity: 'error',
    });
    expect(result.issue.details?.map((detail) => detail.path)).toEqual(['role']);
    expect(result.issue.message).toContain('wizard');
  });

  it('maps legacy inactive status to tobedeleted on a record', () => {
    expect(parsedUser({ status: 'inactive' }).status).toBe('tobedeleted');
  });

  it('reports a missing sourcedId and required names without throwing', () => {
    const result = parseRosterRecord('users', { role: 'student', givenName: '', familyName: 'Lee' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issue.sourcedId).toBeUndefined();
    expect(result.issue.details?.map((detail) => detail.path).sort()).toEqual(['givenName', 'sourcedId']);
  });

  it('reports an invalid academic session date such as 2024-02-30', () => {
    const result = parseRosterRecord('academicSessions', {
      sourcedId: 's1',
      title: '2024',
      type: 'schoolYear',
      startDate: '2024-02-30',
      endDate: '2024-06-30',
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issue.details?.[0]?.path).toBe('startDate');
  });

  it('defaults classType to scheduled and splits CSV multi-value cells', () => {
    const result = parseRosterRecord('classes', {
      sourcedId: 'c1',
      title: 'Math',
      schoolSourcedId: 'sch1',
      classType: '',
      termSourcedIds: 't1,t2',
      periods: '1, 2',
    });
    expect(result.success && result.record).toMatchObject({
      classType: 'scheduled',
      termSourcedIds: ['t1', 't2'],
      periods: ['1', '2'],
    });
  });

  it('drops password fields from the raw payload', () => {
    const raw = { sourcedId: 'u1', password: 'hunter2', Password: 'x', givenName: 'Ana' };
    expect(withoutSecretFields(raw)).toEqual({ sourcedId: 'u1', givenName: 'Ana' });
    expect(parsedUser({ raw }).raw).not.toHaveProperty('password');
  });

  it('parses enrollment primary "true"/"FALSE" and optional blank dates', () => {
    const result = parseRosterRecord('enrollments', {
      sourcedId: 'e1',
      classSourcedId: 'c1',
      userSourcedId: 'u1',
      role: 'teacher',
      primary: 'TRUE',
      beginDate: '',
      endDate: '2025-06-30T00:00:00Z',
    });
    expect(result.success && result.record).toMatchObject({ primary: true, endDate: '2025-06-30' });
    expect(result.success && result.record.beginDate).toBeUndefined();
  });
});
