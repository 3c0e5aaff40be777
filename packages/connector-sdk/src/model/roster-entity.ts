import type { z } from 'zod';
import { type AcademicSession, academicSessionSchema } from './academic-session.js';
import { type Course, courseSchema } from './course.js';
import { type Enrollment, enrollmentSchema } from './enrollment.js';
import { type Org, orgSchema } from './org.js';
import { type RosterClass, rosterClassSchema } from './roster-class.js';
import { type User, userSchema } from './user.js';

/** The roster entities, in the order they must load (each may refer to the ones before it). */
export const rosterEntities = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
] as const;

export type RosterEntity = (typeof rosterEntities)[number];

/** The normalized record type of each entity. */
export interface RosterRecordByEntity {
  orgs: Org;
  academicSessions: AcademicSession;
  courses: Course;
  classes: RosterClass;
  users: User;
  enrollments: Enrollment;
}

export type RosterRecord = RosterRecordByEntity[RosterEntity];

/** The zod schema of each entity's normalized record. */
export const rosterRecordSchemas: { [Entity in RosterEntity]: z.ZodType<RosterRecordByEntity[Entity]> } = {
  orgs: orgSchema,
  academicSessions: academicSessionSchema,
  courses: courseSchema,
  classes: rosterClassSchema,
  users: userSchema,
  enrollments: enrollmentSchema,
};
