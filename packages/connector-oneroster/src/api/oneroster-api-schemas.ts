import { z } from 'zod';

/**
 * A OneRoster GUIDRef reduced to the target's sourcedId. Servers send `{ href, sourcedId, type }` (type
 * varies: `org`, `school`, `term`…), some send a bare id string; only `sourcedId` is relied on.
 */
export const oneRosterGuidRefSchema = z
  .union([z.string(), z.looseObject({ sourcedId: z.string() })])
  .transform((reference) => (typeof reference === 'string' ? reference : reference.sourcedId));

/** A list of GUIDRefs; a single GUIDRef where a list belongs (seen in the wild) counts as a list of one. */
const guidRefListSchema = z.preprocess(
  (value) => (value === undefined || value === null || Array.isArray(value) ? value : [value]),
  z
    .array(oneRosterGuidRefSchema)
    .nullish()
    .transform((references) => references ?? []),
);

/**
 * Minimal vendor schemas: they only resolve GUIDRefs and let every other field through untouched (as
 * `unknown`), for the SDK model to parse leniently.
 */
export const oneRosterOrgSchema = z.looseObject({ parent: oneRosterGuidRefSchema.nullish() });

export const oneRosterAcademicSessionSchema = z.looseObject({
  parent: oneRosterGuidRefSchema.nullish(),
});

export const oneRosterCourseSchema = z.looseObject({
  org: oneRosterGuidRefSchema.nullish(),
  schoolYear: oneRosterGuidRefSchema.nullish(),
});

export const oneRosterClassSchema = z.looseObject({
  course: oneRosterGuidRefSchema.nullish(),
  school: oneRosterGuidRefSchema.nullish(),
  terms: guidRefListSchema,
});

export const oneRosterUserSchema = z.looseObject({
  orgs: guidRefListSchema,
  agents: guidRefListSchema,
});

export const oneRosterEnrollmentSchema = z.looseObject({
  user: oneRosterGuidRefSchema.nullish(),
  class: oneRosterGuidRefSchema.nullish(),
  school: oneRosterGuidRefSchema.nullish(),
});

export type OneRosterOrgJson = z.infer<typeof oneRosterOrgSchema>;
export type OneRosterAcademicSessionJson = z.infer<typeof oneRosterAcademicSessionSchema>;
export type OneRosterCourseJson = z.infer<typeof oneRosterCourseSchema>;
export type OneRosterClassJson = z.infer<typeof oneRosterClassSchema>;
export type OneRosterUserJson = z.infer<typeof oneRosterUserSchema>;
export type OneRosterEnrollmentJson = z.infer<typeof oneRosterEnrollmentSchema>;
