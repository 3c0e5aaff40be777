import type { RosterEntity } from '@aivo/connector-sdk';
import type { z } from 'zod';
import {
  type CleverEvent,
  cleverCourseSchema,
  cleverDistrictSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverTermSchema,
  cleverUserSchema,
} from './clever-api-schemas.js';
import { mapCleverCourse } from './map-clever-course.js';
import { mapCleverDistrict } from './map-clever-district.js';
import { mapCleverSchool } from './map-clever-school.js';
import { mapCleverSection } from './map-clever-section.js';
import {
  mapCleverSectionEnrollmentChanges,
  mapCleverSectionEnrollments,
} from './map-clever-section-enrollments.js';
import { mapCleverTerm } from './map-clever-term.js';
import { mapCleverUser } from './map-clever-user.js';
import type { CleverRecordType } from './read-clever-events.js';

/** The event record types each entity is built from. */
export const cleverRecordTypesByEntity: Record<RosterEntity, CleverRecordType[]> = {
  orgs: ['districts', 'schools'],
  academicSessions: ['terms'],
  courses: ['courses'],
  classes: ['sections'],
  users: ['users'],
  enrollments: ['sections'],
};

/** The normalized inputs one event yields, or why it could not be read. */
export type CleverEventMapping =
  | { success: true; inputs: Array<Record<string, unknown>> }
  | { success: false; message: string; sourcedId?: string };

function parseObject<Schema extends z.ZodType>(schema: Schema, event: CleverEvent) {
  return schema.safeParse(event.data?.object);
}

/**
 * Maps one Clever event to normalized record inputs of `entity`:
 * - `*.created` and `*.updated` → the record as it is now, `active`;
 * - `*.deleted` → the record as it was, `tobedeleted`;
 * - for enrollments, `sections.created` → all of the section's enrollments, `sections.deleted` → all of them
 *   `tobedeleted`, `sections.updated` → the changes read from `previous_attributes` (see
 *   {@link mapCleverSectionEnrollmentChanges}).
 */
export function mapCleverEvent(
  entity: RosterEntity,
  event: CleverEvent,
  districtId: string,
): CleverEventMapping {
  const [recordType, action] = event.type.split('.') as [string, string | undefined];
  const status = action === 'deleted' ? 'tobedeleted' : 'active';
  const withStatus = (inputs: Array<object | undefined>) => ({
    success: true as const,
    inputs: inputs
      .filter((input): input is object => input !== undefined)
      .map((input) => ({ ...(input as Record<string, unknown>), status })),
  });
  const invalid = (issues: z.ZodError) => ({
    success: false as const,
    message: `Clever ${event.type} event ${event.id} has an unexpected object: ${issues.issues
      .map((issue) => `${issue.path.join('.') || '(object)'} ${issue.message}`)
      .join('; ')}`,
  });

  if (entity === 'orgs' && recordType === 'districts') {
    const parsed = parseObject(cleverDistrictSchema, event);
    return parsed.success ? withStatus([mapCleverDistrict(parsed.data)]) : invalid(parsed.error);
  }
  if (entity === 'orgs' && recordType === 'schools') {
    const parsed = parseObject(cleverSchoolSchema, event);
    return parsed.success ? withStatus([mapCleverSchool(parsed.data, districtId)]) : invalid(parsed.error);
  }
  if (entity === 'academicSessions' && recordType === 'terms') {
    const parsed = parseObject(cleverTermSchema, event);
    return parsed.success ? withStatus([mapCleverTerm(parsed.data)]) : invalid(parsed.error);
  }
  if (entity === 'courses' && recordType === 'courses') {
    const parsed = parseObject(cleverCourseSchema, event);
    return parsed.success ? withStatus([mapCleverCourse(parsed.data, districtId)]) : invalid(parsed.error);
  }
  if (entity === 'users' && recordType === 'users') {
    const parsed = parseObject(cleverUserSchema, event);
    return parsed.success ? withStatus([mapCleverUser(parsed.data, districtId)]) : invalid(parsed.error);
  }
  if ((entity === 'classes' || entity === 'enrollments') && recordType === 'sections') {
    const parsed = parseObject(cleverSectionSchema, event);
    if (!parsed.success) return invalid(parsed.error);
    if (entity === 'classes') return withStatus([mapCleverSection(parsed.data)]);
    if (action !== 'updated') return withStatus(mapCleverSectionEnrollments(parsed.data));
    const previousAttributes = event.data?.previous_attributes ?? event.previous_attributes ?? {};
    // Enrollment changes carry their own status (added → active, removed → tobedeleted).
    return { success: true, inputs: mapCleverSectionEnrollmentChanges(parsed.data, previousAttributes) };
  }
  return { success: true, inputs: [] };
}
