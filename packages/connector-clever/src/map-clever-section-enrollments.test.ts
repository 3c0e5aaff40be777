import { parseRosterRecord } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import payloads from './__fixtures__/clever-payloads.json' with { type: 'json' };
import { assertValidCleverPayload } from './__fixtures__/validate-clever-payload.js';
import { cleverSectionSchema } from './clever-api-schemas.js';
import {
  mapCleverSectionEnrollmentChanges,
  mapCleverSectionEnrollments,
} from './map-clever-section-enrollments.js';

const section = cleverSectionSchema.parse(payloads.sectionWithTwoTeachers);
const [primaryTeacher, coTeacher] = payloads.sectionWithTwoTeachers.teachers;
const [firstStudent, secondStudent] = payloads.sectionWithTwoTeachers.students;

function validated(inputs: ReturnType<typeof mapCleverSectionEnrollments>) {
  return inputs.map((input) => {
    const result = parseRosterRecord('enrollments', input);
    if (!result.success) throw new Error(result.issue.message);
    return result.record;
  });
}

describe('mapCleverSectionEnrollments', () => {
  it('derives one enrollment per teacher and student, marking the section teacher primary', () => {
    assertValidCleverPayload('Section', payloads.sectionWithTwoTeachers);
    const enrollments = validated(mapCleverSectionEnrollments(section));
    expect(
      enrollments.map(({ sourcedId, userSourcedId, role, primary, classSourcedId, schoolSourcedId }) => ({
        sourcedId,
        userSourcedId,
        role,
        primary,
        classSourcedId,
        schoolSourcedId,
      })),
    ).toEqual([
      {
        sourcedId: `${section.id}-${primaryTeacher}-teacher`,
        userSourcedId: primaryTeacher,
        role: 'teacher',
        primary: true,
        classSourcedId: section.id,
        schoolSourcedId: section.school,
      },
      {
        sourcedId: `${section.id}-${coTeacher}-teacher`,
        userSourcedId: coTeacher,
        role: 'teacher',
        primary: false,
        classSourcedId: section.id,
        schoolSourcedId: section.school,
      },
      {
        sourcedId: `${section.id}-${firstStudent}-student`,
        userSourcedId: firstStudent,
        role: 'student',
        primary: false,
        classSourcedId: section.id,
        schoolSourcedId: section.school,
      },
      {
        sourcedId: `${section.id}-${secondStudent}-student`,
        userSourcedId: secondStudent,
        role: 'student',
        primary: false,
        classSourcedId: section.id,
        schoolSourcedId: section.school,
      },
    ]);
  });

  it('derives the same sourcedIds on every run', () => {
    const first = mapCleverSectionEnrollments(section).map((enrollment) => enrollment.sourcedId);
    const second = mapCleverSectionEnrollments(
      cleverSectionSchema.parse(structuredClone(payloads.sectionWithTwoTeachers)),
    );
    expect(second.map((enrollment) => enrollment.sourcedId)).toEqual(first);
  });

  it('includes a primary teacher missing from teachers[] once', () => {
    const enrollments = mapCleverSectionEnrollments({ ...section, teachers: [coTeacher!] });
    expect(
      enrollments.filter((enrollment) => enrollment.role === 'teacher').map((e) => e.userSourcedId),
    ).toEqual([coTeacher, primaryTeacher]);
  });

  it('derives nothing for a section with no people', () => {
    expect(mapCleverSectionEnrollments({ id: 's', teachers: null, students: null, teacher: null })).toEqual(
      [],
    );
  });
});

describe('mapCleverSectionEnrollmentChanges', () => {
  it('turns added and removed students into active and tobedeleted enrollments', () => {
    const event = {
      id: '6a0000000000000000000001',
      type: 'sections.updated',
      created: '2024-09-02T10:00:00.000Z',
      data: {
        object: { ...payloads.sectionWithTwoTeachers, students: [secondStudent, 'added-student'] },
        previous_attributes: { students: [firstStudent, secondStudent] },
      },
    };
    assertValidCleverPayload('sections.updated', event, 'events-api');
    const changes = mapCleverSectionEnrollmentChanges(
      cleverSectionSchema.parse(event.data.object),
      event.data.previous_attributes,
    );
    expect(changes.map(({ userSourcedId, role, status }) => ({ userSourcedId, role, status }))).toEqual([
      { userSourcedId: 'added-student', role: 'student', status: 'active' },
      { userSourcedId: firstStudent, role: 'student', status: 'tobedeleted' },
    ]);
  });

  it('re-issues both teachers when the primary teacher changes', () => {
    const changes = mapCleverSectionEnrollmentChanges(
      { ...section, teacher: coTeacher },
      { teacher: primaryTeacher },
    );
    expect(changes.map(({ userSourcedId, primary, status }) => ({ userSourcedId, primary, status }))).toEqual(
      [
        { userSourcedId: primaryTeacher, primary: false, status: 'active' },
        { userSourcedId: coTeacher, primary: true, status: 'active' },
      ],
    );
  });

  it('removes a teacher dropped from teachers[]', () => {
    const changes = mapCleverSectionEnrollmentChanges(
      { ...section, teachers: [primaryTeacher!] },
      { teachers: [primaryTeacher, coTeacher] },
    );
    expect(changes.map(({ userSourcedId, status }) => ({ userSourcedId, status }))).toEqual([
      { userSourcedId: coTeacher, status: 'tobedeleted' },
    ]);
  });

  it('re-issues every enrollment when the section moved school, still removing departed students', () => {
    const moved = { ...section, school: 'new-school', students: [secondStudent!] };
    const changes = mapCleverSectionEnrollmentChanges(moved, {
      school: section.school,
      students: [firstStudent, secondStudent],
    });
    expect(
      changes.map(({ userSourcedId, status, schoolSourcedId }) => ({
        userSourcedId,
        status,
        schoolSourcedId,
      })),
    ).toEqual([
      { userSourcedId: firstStudent, status: 'tobedeleted', schoolSourcedId: 'new-school' },
      { userSourcedId: primaryTeacher, status: 'active', schoolSourcedId: 'new-school' },
      { userSourcedId: coTeacher, status: 'active', schoolSourcedId: 'new-school' },
      { userSourcedId: secondStudent, status: 'active', schoolSourcedId: 'new-school' },
    ]);
  });

  it('changes nothing when only the name changed', () => {
    expect(mapCleverSectionEnrollmentChanges(section, { name: 'Old name' })).toEqual([]);
  });
});
