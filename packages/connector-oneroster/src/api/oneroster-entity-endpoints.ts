import type { RosterEntity } from '@aivo/connector-sdk';
import type { z } from 'zod';
import { mapOneRosterAcademicSession } from './map-oneroster-academic-session.js';
import { mapOneRosterClass } from './map-oneroster-class.js';
import { mapOneRosterCourse } from './map-oneroster-course.js';
import { mapOneRosterEnrollment } from './map-oneroster-enrollment.js';
import { mapOneRosterOrg } from './map-oneroster-org.js';
import { mapOneRosterUser } from './map-oneroster-user.js';
import {
  oneRosterAcademicSessionSchema,
  oneRosterClassSchema,
  oneRosterCourseSchema,
  oneRosterEnrollmentSchema,
  oneRosterOrgSchema,
  oneRosterUserSchema,
} from './oneroster-api-schemas.js';

/** How one roster entity is read from a OneRoster 1.1 REST server. */
export interface OneRosterEntityEndpoint {
  /** Path under the base URL, e.g. `users`. */
  path: string;
  /**
   * Keys the collection may be wrapped in, in order of preference. The spec names the key after the type
   * (`orgs` from `/schools`, `users` from `/students`); servers deviate (`students`, `terms`), so the common
   * deviations are accepted too.
   */
  envelopeKeys: string[];
  schema: z.ZodType<Record<string, unknown>>;
  map: (record: never) => Record<string, unknown>;
}

/** The endpoint of each entity: the full collections (`/orgs`, `/academicSessions`, `/users`…). */
export const oneRosterEntityEndpoints: { readonly [Entity in RosterEntity]: OneRosterEntityEndpoint } = {
  orgs: { path: 'orgs', envelopeKeys: ['orgs', 'schools'], schema: oneRosterOrgSchema, map: mapOneRosterOrg },
  academicSessions: {
    path: 'academicSessions',
    envelopeKeys: ['academicSessions', 'terms', 'gradingPeriods'],
    schema: oneRosterAcademicSessionSchema,
    map: mapOneRosterAcademicSession,
  },
  courses: {
    path: 'courses',
    envelopeKeys: ['courses'],
    schema: oneRosterCourseSchema,
    map: mapOneRosterCourse,
  },
  classes: {
    path: 'classes',
    envelopeKeys: ['classes'],
    schema: oneRosterClassSchema,
    map: mapOneRosterClass,
  },
  users: {
    path: 'users',
    envelopeKeys: ['users', 'students', 'teachers'],
    schema: oneRosterUserSchema,
    map: mapOneRosterUser,
  },
  enrollments: {
    path: 'enrollments',
    envelopeKeys: ['enrollments'],
    schema: oneRosterEnrollmentSchema,
    map: mapOneRosterEnrollment,
  },
};
