import { z } from 'zod';
import { baseRecordShape, optionalReferenceSchema, referenceSchema } from './base-record.js';
import { lenientBooleanSchema, lenientDateSchema, lenientEnumSchema } from './lenient-values.js';

export const enrollmentRoles = ['student', 'teacher', 'administrator', 'proctor', 'aide'] as const;

/** A user's membership of a class, as student or teacher (`primary` marks the lead teacher). */
export const enrollmentSchema = z.object({
  ...baseRecordShape,
  classSourcedId: referenceSchema,
  schoolSourcedId: optionalReferenceSchema,
  userSourcedId: referenceSchema,
  role: lenientEnumSchema(enrollmentRoles),
  primary: z.preprocess(
    (value) => (value === undefined || value === '' ? false : value),
    lenientBooleanSchema,
  ),
  beginDate: z.preprocess(
    (value) => (value === '' || value === null ? undefined : value),
    lenientDateSchema.optional(),
  ),
  endDate: z.preprocess(
    (value) => (value === '' || value === null ? undefined : value),
    lenientDateSchema.optional(),
  ),
});

export type Enrollment = z.infer<typeof enrollmentSchema>;
export type EnrollmentInput = z.input<typeof enrollmentSchema>;
