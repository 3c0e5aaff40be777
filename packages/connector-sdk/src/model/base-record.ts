import { z } from 'zod';
import {
  blankAsAbsent,
  lenientDateTimeSchema,
  optionalTextSchema,
  recordStatusSchema,
  requiredTextSchema,
} from './lenient-values.js';

/**
 * Fields every normalized record carries.
 * - `sourcedId`: the source system's id, unique per provider and entity.
 * - `status`: `active`, or `tobedeleted` when the source says the record is gone (delta feeds).
 * - `dateLastModified`: ISO 8601 UTC, when the source says.
 * - `raw`: the untouched source payload (a CSV row or a JSON object), kept for debugging. Password
 *   fields are removed before a record leaves a connector.
 */
export const baseRecordShape = {
  sourcedId: requiredTextSchema,
  status: recordStatusSchema,
  dateLastModified: blankAsAbsent(lenientDateTimeSchema),
  raw: z.record(z.string(), z.unknown()).default({}),
} as const;

/** A GUIDRef-like reference field reduced to the target's sourcedId. */
export const referenceSchema = requiredTextSchema;

/** An optional reference: absent when blank. */
export const optionalReferenceSchema = optionalTextSchema;
