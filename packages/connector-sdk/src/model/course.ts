import { z } from 'zod';
import { baseRecordShape, optionalReferenceSchema } from './base-record.js';
import { gradesSchema, multiValueSchema, optionalTextSchema, requiredTextSchema } from './lenient-values.js';

/** A course: what is taught; classes are its sections. */
export const courseSchema = z.object({
  ...baseRecordShape,
  title: requiredTextSchema,
  courseCode: optionalTextSchema,
  grades: gradesSchema,
  subjects: multiValueSchema,
  subjectCodes: multiValueSchema,
  /** The org (district or school) that offers the course. */
  orgSourcedId: optionalReferenceSchema,
  schoolYearSourcedId: optionalReferenceSchema,
});

export type Course = z.infer<typeof courseSchema>;
export type CourseInput = z.input<typeof courseSchema>;
