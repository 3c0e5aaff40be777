import { z } from 'zod';
import { baseRecordShape, optionalReferenceSchema, referenceSchema } from './base-record.js';
import { fastFieldParserOf, withFastPath } from './fast-path.js';
import {
  gradesSchema,
  lenientEnumSchema,
  multiValueSchema,
  optionalTextSchema,
  requiredTextSchema,
} from './lenient-values.js';

export const classTypes = ['homeroom', 'scheduled'] as const;

const classTypeSchema = lenientEnumSchema(classTypes);
const parseClassType = fastFieldParserOf(classTypeSchema);

/** A class (Clever: section): a course taught to a group of students in a school and term. */
export const rosterClassSchema = z.object({
  ...baseRecordShape,
  title: requiredTextSchema,
  classCode: optionalTextSchema,
  classType: withFastPath(
    z.preprocess(
      (value) => (value === undefined || value === null || value === '' ? 'scheduled' : value),
      classTypeSchema,
    ),
    (value) => (value === '' ? 'scheduled' : parseClassType(value)),
  ),
  location: optionalTextSchema,
  grades: gradesSchema,
  subjects: multiValueSchema,
  subjectCodes: multiValueSchema,
  periods: multiValueSchema,
  courseSourcedId: optionalReferenceSchema,
  schoolSourcedId: referenceSchema,
  termSourcedIds: multiValueSchema,
});

export type RosterClass = z.infer<typeof rosterClassSchema>;
export type RosterClassInput = z.input<typeof rosterClassSchema>;
