import { z } from 'zod';
import { baseRecordShape, optionalReferenceSchema } from './base-record.js';
import {
  lenientDateSchema,
  lenientEnumSchema,
  optionalTextSchema,
  requiredTextSchema,
} from './lenient-values.js';

export const academicSessionTypes = ['schoolYear', 'semester', 'term', 'gradingPeriod'] as const;

/** A school year, semester, term or grading period. Dates are `YYYY-MM-DD`. */
export const academicSessionSchema = z.object({
  ...baseRecordShape,
  title: requiredTextSchema,
  type: lenientEnumSchema(academicSessionTypes),
  startDate: lenientDateSchema,
  endDate: lenientDateSchema,
  parentSourcedId: optionalReferenceSchema,
  /** The year the school year ends, as `YYYY`. */
  schoolYear: optionalTextSchema,
});

export type AcademicSession = z.infer<typeof academicSessionSchema>;
export type AcademicSessionInput = z.input<typeof academicSessionSchema>;
