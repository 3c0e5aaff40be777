import { parseRosterRecord } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import payloads from './__fixtures__/clever-payloads.json' with { type: 'json' };
import { assertValidCleverPayload } from './__fixtures__/validate-clever-payload.js';
import {
  cleverCourseSchema,
  cleverDistrictSchema,
  cleverSchoolSchema,
  cleverTermSchema,
} from './clever-api-schemas.js';
import { mapCleverCourse } from './map-clever-course.js';
import { mapCleverDistrict } from './map-clever-district.js';
import { mapCleverSchool } from './map-clever-school.js';
import { mapCleverTerm } from './map-clever-term.js';

const districtId = payloads.district.id;

function valid<Entity extends 'orgs' | 'academicSessions' | 'courses'>(
  entity: Entity,
  input: Record<string, unknown>,
) {
  const result = parseRosterRecord(entity, input);
  if (!result.success) throw new Error(result.issue.message);
  return result.record;
}

describe('district and school mapping', () => {
  it('maps the district to the top org with its NCES id', () => {
    assertValidCleverPayload('District', payloads.district);
    const org = valid('orgs', { ...mapCleverDistrict(cleverDistrictSchema.parse(payloads.district)) });
    expect(org).toMatchObject({
      sourcedId: districtId,
      type: 'district',
      name: payloads.district.name,
      identifier: '0612345',
    });
    expect(org.parentSourcedId).toBeUndefined();
  });

  it('maps a school under its district, identified by its state id when it has no NCES id', () => {
    assertValidCleverPayload('School', payloads.school);
    const org = valid('orgs', { ...mapCleverSchool(cleverSchoolSchema.parse(payloads.school), districtId) });
    expect(org).toMatchObject({ type: 'school', parentSourcedId: districtId, identifier: 'CA-101' });
  });

  it('maps a school with only the required fields', () => {
    assertValidCleverPayload('School', payloads.schoolMinimal);
    const org = valid('orgs', {
      ...mapCleverSchool(cleverSchoolSchema.parse(payloads.schoolMinimal), districtId),
    });
    expect(org).toMatchObject({ name: 'Springfield Middle', identifier: '201', parentSourcedId: districtId });
  });
});

describe('term mapping', () => {
  it('maps a semester with its dates and school year', () => {
    assertValidCleverPayload('Term', payloads.term);
    expect(
      valid('academicSessions', { ...mapCleverTerm(cleverTermSchema.parse(payloads.term)) }),
    ).toMatchObject({
      title: 'Fall Semester 2024',
      type: 'semester',
      startDate: '2024-08-19',
      endDate: '2024-12-20',
      schoolYear: '2024',
    });
  });

  it('titles an unnamed term by its dates and types it as a term', () => {
    assertValidCleverPayload('Term', payloads.termMinimal);
    expect(
      valid('academicSessions', { ...mapCleverTerm(cleverTermSchema.parse(payloads.termMinimal)) }),
    ).toMatchObject({
      title: '2025-01-06 – 2025-06-13',
      type: 'term',
      schoolYear: '2025',
    });
  });

  it('accepts full timestamps as term dates', () => {
    const term = {
      ...payloads.term,
      start_date: '2024-08-19T00:00:00.000Z',
      end_date: '2024-12-20T00:00:00.000Z',
    };
    assertValidCleverPayload('Term', term);
    expect(valid('academicSessions', { ...mapCleverTerm(cleverTermSchema.parse(term)) })).toMatchObject({
      startDate: '2024-08-19',
      endDate: '2024-12-20',
    });
  });
});

describe('course mapping', () => {
  it('maps name and number', () => {
    assertValidCleverPayload('Course', payloads.course);
    expect(
      valid('courses', { ...mapCleverCourse(cleverCourseSchema.parse(payloads.course), districtId) }),
    ).toMatchObject({
      title: 'Grade 4 Mathematics',
      courseCode: 'MATH-4',
      orgSourcedId: districtId,
    });
  });

  it('titles a course with neither name nor number by its id', () => {
    assertValidCleverPayload('Course', payloads.courseMinimal);
    const course = valid('courses', {
      ...mapCleverCourse(cleverCourseSchema.parse(payloads.courseMinimal), districtId),
    });
    expect(course.title).toBe(payloads.courseMinimal.id);
    expect(course.courseCode).toBeUndefined();
  });
});
