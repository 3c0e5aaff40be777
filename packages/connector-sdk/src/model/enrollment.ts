import { z } from 'zod';
import { baseRecordShape, optionalReferenceSchema, referenceSchema } from './base-record.js';
import {
  blankAsAbsent,
  lenientBooleanDefaultingTo,
  lenientDateSchema,
  lenientEnumSchema,
} from './lenient-values.js';

export const enrollmentRoles = ['student', 'teacher', 'administrator', 'proctor', 'aide'] as const;

/** A user's membership of a class, as student or teacher (`primary` marks the lead teacher). */
export const enrollmentSchema = z.object({
  ...baseRecordShape,
  classSourcedId: referenceSchema,
  schoolSourcedId: optionalReferenceSchema,
  userSourcedId: referenceSchema,
  role: lenientEnumSchema(enrollmentRoles),
  primary: lenientBooleanDefaultingTo(false),
  beginDate: blankAsAbsent(lenientDateSchema),
  endDate: blankAsAbsent(lenientDateSchema),
});

export type Enrollment = z.infer<typeof enrollmentSchema>;
export type EnrollmentInput = z.input<typeof enrollmentSchema>;
