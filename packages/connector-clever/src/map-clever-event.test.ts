import { parseRosterRecord } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import payloads from './__fixtures__/clever-payloads.json' with { type: 'json' };
import { assertValidCleverPayload } from './__fixtures__/validate-clever-payload.js';
import { cleverEventSchema } from './clever-api-schemas.js';
import { mapCleverEvent } from './map-clever-event.js';

const districtId = payloads.district.id;

function event(type: string, object: object, previousAttributes?: Record<string, unknown>) {
  const payload = {
    id: '6a0000000000000000000009',
    type,
    created: '2024-09-03T06:00:00.000Z',
    data: previousAttributes ? { object, previous_attributes: previousAttributes } : { object },
  };
  assertValidCleverPayload(type, payload, 'events-api');
  return cleverEventSchema.parse(payload);
}

describe('mapCleverEvent', () => {
  it('turns users.deleted into the user as it was, tobedeleted', () => {
    const mapping = mapCleverEvent(
      'users',
      event('users.deleted', payloads.studentWithSeveralSchools),
      districtId,
    );
    expect(mapping.success).toBe(true);
    const [input] = mapping.success ? mapping.inputs : [];
    const result = parseRosterRecord('users', input!);
    expect(result.success && result.record).toMatchObject({
      sourcedId: payloads.studentWithSeveralSchools.id,
      status: 'tobedeleted',
      role: 'student',
    });
  });

  it('turns sections.deleted into the class and all its enrollments, tobedeleted', () => {
    const deleted = event('sections.deleted', payloads.sectionWithTwoTeachers);
    const classes = mapCleverEvent('classes', deleted, districtId);
    const enrollments = mapCleverEvent('enrollments', deleted, districtId);
    expect(classes.success && classes.inputs.map((input) => input.status)).toEqual(['tobedeleted']);
    expect(enrollments.success && enrollments.inputs.map((input) => input.status)).toEqual([
      'tobedeleted',
      'tobedeleted',
      'tobedeleted',
      'tobedeleted',
    ]);
  });

  it('reads previous_attributes at event level too, where Clever’s swagger file puts them', () => {
    const payload = {
      id: '6a000000000000000000000a',
      type: 'sections.updated',
      created: '2024-09-03T06:00:00.000Z',
      data: { object: { ...payloads.sectionWithTwoTeachers, students: [] } },
      previous_attributes: { students: payloads.sectionWithTwoTeachers.students },
    };
    // The swagger file types each previous attribute as an object, which would refuse the id arrays Clever
    // sends for `students`; the section itself is checked against Clever's definition.
    assertValidCleverPayload('Section', payload.data.object);
    const mapping = mapCleverEvent('enrollments', cleverEventSchema.parse(payload), districtId);
    expect(mapping.success && mapping.inputs.map((input) => input.status)).toEqual([
      'tobedeleted',
      'tobedeleted',
    ]);
  });

  it('ignores events of other record types and reports objects that are not Clever’s shape', () => {
    expect(mapCleverEvent('users', event('courses.created', payloads.course), districtId)).toEqual({
      success: true,
      inputs: [],
    });
    const broken = cleverEventSchema.parse({
      id: 'e',
      type: 'terms.created',
      data: { object: { name: 'no id' } },
    });
    expect(mapCleverEvent('academicSessions', broken, districtId).success).toBe(false);
  });
});
