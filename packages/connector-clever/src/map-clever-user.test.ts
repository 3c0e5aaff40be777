import { parseRosterRecord } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import payloads from './__fixtures__/clever-payloads.json' with { type: 'json' };
import { assertValidCleverPayload } from './__fixtures__/validate-clever-payload.js';
import { cleverUserSchema } from './clever-api-schemas.js';
import { mapCleverUser, pickCleverUserRole } from './map-clever-user.js';

const districtId = payloads.district.id;

function mapValid(payload: unknown) {
  assertValidCleverPayload('User', payload);
  const mapped = mapCleverUser(cleverUserSchema.parse(payload), districtId);
  if (!mapped) return undefined;
  const result = parseRosterRecord('users', mapped);
  if (!result.success) throw new Error(result.issue.message);
  return result.record;
}

describe('mapCleverUser', () => {
  it('maps a teacher who is also school staff to one teacher record with the schools of both roles', () => {
    const user = mapValid(payloads.multiRoleUser);
    expect(user).toMatchObject({
      sourcedId: payloads.multiRoleUser.id,
      role: 'teacher',
      givenName: 'Edna',
      middleName: 'J',
      familyName: 'Krabappel',
      email: 'e.krabappel@springfield.example',
      identifier: '1001',
      username: 'ekrabappel',
      orgSourcedIds: ['5f1b2c3d4e5f60718293b001', '5f1b2c3d4e5f60718293b002'],
      userIds: [
        { type: 'sis_id', identifier: 'T-1001' },
        { type: 'legacy_id', identifier: '4e0a1b2c3d4e5f6071829301' },
      ],
      dateLastModified: '2024-08-20T10:00:00.000Z',
    });
    expect(user?.raw).toMatchObject({ roles: { staff: { title: 'Vice Principal' } } });
  });

  it('picks student, then teacher, then staff, then district admin', () => {
    const roles = { student: {}, teacher: {}, staff: {}, district_admin: {} };
    const base = { id: 'u1', name: { first: 'A', last: 'B' } };
    expect(pickCleverUserRole({ ...base, roles })).toBe('student');
    expect(pickCleverUserRole({ ...base, roles: { ...roles, student: null } })).toBe('teacher');
    expect(pickCleverUserRole({ ...base, roles: { staff: {}, district_admin: {} } })).toBe('staff');
    expect(pickCleverUserRole({ ...base, roles: { district_admin: {} } })).toBe('district_admin');
    expect(pickCleverUserRole({ ...base, roles: { contact: {} } })).toBeUndefined();
  });

  it('keeps every school of a student enrolled in several, primary school first, and the grade as a CEDS code', () => {
    const user = mapValid(payloads.studentWithSeveralSchools);
    expect(user).toMatchObject({
      role: 'student',
      identifier: '2001',
      orgSourcedIds: ['5f1b2c3d4e5f60718293b002', '5f1b2c3d4e5f60718293b001'],
      grades: ['04'],
      username: 'bsimpson',
    });
    expect(user?.userIds).toContainEqual({ type: 'state_id', identifier: 'CA-2001' });
  });

  it('keeps the date of birth in raw only', () => {
    const user = mapValid(payloads.studentWithSeveralSchools);
    expect(JSON.stringify({ ...user, raw: undefined })).not.toContain('4/1/2014');
    expect(user?.raw).toMatchObject({ roles: { student: { dob: '4/1/2014' } } });
  });

  it('maps a student whose optional fields are null or missing', () => {
    const user = mapValid(payloads.studentMinimal);
    expect(user).toMatchObject({ role: 'student', givenName: 'Lisa', familyName: 'Simpson', grades: [] });
    expect(user?.email).toBeUndefined();
    expect(user?.middleName).toBeUndefined();
    expect(user?.identifier).toBe('S-2002');
  });

  it('maps a district admin to an administrator of the district', () => {
    const user = mapValid(payloads.districtAdmin);
    expect(user).toMatchObject({ role: 'administrator', orgSourcedIds: [districtId] });
  });

  it('keeps aides and proctors among school staff, and makes other staff administrators', () => {
    const staff = (title: string, roles: string[]) => ({
      ...payloads.districtAdmin,
      roles: { staff: { legacy_id: 'x', staff_id: 'S-1', title, roles, schools: [payloads.school.id] } },
    });
    expect(mapValid(staff('Aide', ['Aide']))).toMatchObject({ role: 'aide', identifier: 'S-1' });
    expect(mapValid(staff('Paraprofessional', []))).toMatchObject({ role: 'aide' });
    expect(mapValid(staff('Proctor', ['Proctor']))).toMatchObject({ role: 'proctor' });
    expect(mapValid(staff('Principal', ['School Administrator']))).toMatchObject({
      role: 'administrator',
      orgSourcedIds: [payloads.school.id],
    });
  });

  it('skips a contact, whose role the roster does not need', () => {
    expect(mapValid(payloads.contactOnly)).toBeUndefined();
  });

  it('has fixtures checked by a validator that rejects what Clever does not define', () => {
    const badDob = { ...payloads.studentMinimal, roles: { student: { dob: '2014-04-01' } } };
    expect(() => assertValidCleverPayload('User', badDob)).toThrow(/dob/);
    expect(() => assertValidCleverPayload('User', { ...payloads.studentMinimal, email: 42 })).toThrow(
      /email/,
    );
  });

  it('yields a record that fails validation when Clever has no last name', () => {
    const payload = { ...payloads.studentMinimal, name: { first: 'Maggie', last: null } };
    assertValidCleverPayload('User', payload);
    const result = parseRosterRecord('users', mapCleverUser(cleverUserSchema.parse(payload), districtId)!);
    expect(result.success).toBe(false);
  });
});
