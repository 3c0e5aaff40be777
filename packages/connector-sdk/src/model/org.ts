import { z } from 'zod';
import { baseRecordShape, optionalReferenceSchema } from './base-record.js';
import { lenientEnumSchema, optionalTextSchema, requiredTextSchema } from './lenient-values.js';

export const orgTypes = ['district', 'school', 'department', 'local', 'state', 'national'] as const;

/** An organisation: the district, its schools, or another level of the hierarchy. */
export const orgSchema = z.object({
  ...baseRecordShape,
  name: requiredTextSchema,
  type: lenientEnumSchema(orgTypes),
  /** An outside identifier such as the NCES id or the school number. */
  identifier: optionalTextSchema,
  parentSourcedId: optionalReferenceSchema,
});

export type Org = z.infer<typeof orgSchema>;
export type OrgInput = z.input<typeof orgSchema>;
