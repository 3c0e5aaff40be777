import { parseRosterRecord } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import payloads from './__fixtures__/clever-payloads.json' with { type: 'json' };
import { assertValidCleverPayload } from './__fixtures__/validate-clever-payload.js';
import { cleverSectionSchema } from './clever-api-schemas.js';
import { mapCleverSection } from './map-clever-section.js';

function mapValid(payload: unknown) {
  assertValidCleverPayload('Section', payload);
  const result = parseRosterRecord('classes', mapCleverSection(cleverSectionSchema.parse(payload)));
  if (!result.success) throw new Error(result.issue.message);
  return result.record;
}

describe('mapCleverSection', () => {
  it('maps term, course, school, subject, grade and period', () => {
    expect(mapValid(payloads.sectionWithTwoTeachers)).toMatchObject({
      sourcedId: '5f1b2c3d4e5f60718293e001',
      title: 'Math 4 - Period 2',
      classCode: '02',
      classType: 'scheduled',
      grades: ['04'],
      subjects: ['math'],
      periods: ['2'],
      courseSourcedId: '5f1b2c3d4e5f60718293d001',
      schoolSourcedId: '5f1b2c3d4e5f60718293b001',
      termSourcedIds: ['5f1b2c3d4e5f60718293c001'],
    });
  });

  it('maps a homeroom section without course, term or period', () => {
    const section = mapValid(payloads.sectionMinimal);
    expect(section).toMatchObject({
      classType: 'homeroom',
      grades: ['KG'],
      periods: [],
      termSourcedIds: [],
      classCode: 'HR-K',
    });
    expect(section.courseSourcedId).toBeUndefined();
  });
});
