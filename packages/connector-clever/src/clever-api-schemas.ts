import { z } from 'zod';

/**
 * Minimal zod schemas of Clever Data API v3.0 payloads (Clever's own definitions are in
 * `Clever/swagger-api:v3.0.yml`). Only the fields the connector reads are declared; unknown fields pass
 * through untouched so a record's `raw` keeps everything Clever sent. Optional and nullable fields are
 * `.nullish()` because real districts leave many of them out.
 */

const nameSchema = z.looseObject({
  first: z.string().nullish(),
  middle: z.string().nullish(),
  last: z.string().nullish(),
});

const credentialsSchema = z.looseObject({ district_username: z.string().nullish() });

/** One `{ rel, uri }` paging link; `uri` is relative to the API host. */
export const cleverLinkSchema = z.looseObject({ rel: z.string(), uri: z.string() });
export type CleverLink = z.infer<typeof cleverLinkSchema>;

export const cleverDistrictSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  nces_id: z.string().nullish(),
  mdr_number: z.string().nullish(),
  last_modified: z.string().nullish(),
});
export type CleverDistrict = z.infer<typeof cleverDistrictSchema>;

export const cleverSchoolSchema = z.looseObject({
  id: z.string(),
  district: z.string().nullish(),
  name: z.string().nullish(),
  sis_id: z.string().nullish(),
  school_number: z.string().nullish(),
  state_id: z.string().nullish(),
  nces_id: z.string().nullish(),
  low_grade: z.string().nullish(),
  high_grade: z.string().nullish(),
  last_modified: z.string().nullish(),
});
export type CleverSchool = z.infer<typeof cleverSchoolSchema>;

export const cleverTermSchema = z.looseObject({
  id: z.string(),
  district: z.string().nullish(),
  name: z.string().nullish(),
  start_date: z.string().nullish(),
  end_date: z.string().nullish(),
  last_modified: z.string().nullish(),
});
export type CleverTerm = z.infer<typeof cleverTermSchema>;

export const cleverCourseSchema = z.looseObject({
  id: z.string(),
  district: z.string().nullish(),
  name: z.string().nullish(),
  number: z.string().nullish(),
  last_modified: z.string().nullish(),
});
export type CleverCourse = z.infer<typeof cleverCourseSchema>;

export const cleverSectionSchema = z.looseObject({
  id: z.string(),
  district: z.string().nullish(),
  school: z.string().nullish(),
  name: z.string().nullish(),
  sis_id: z.string().nullish(),
  section_number: z.string().nullish(),
  period: z.string().nullish(),
  subject: z.string().nullish(),
  grade: z.string().nullish(),
  course: z.string().nullish(),
  term_id: z.string().nullish(),
  /** The primary teacher's user id. */
  teacher: z.string().nullish(),
  teachers: z.array(z.string()).nullish(),
  students: z.array(z.string()).nullish(),
  created: z.string().nullish(),
  last_modified: z.string().nullish(),
});
export type CleverSection = z.infer<typeof cleverSectionSchema>;

const studentRoleSchema = z.looseObject({
  legacy_id: z.string().nullish(),
  sis_id: z.string().nullish(),
  student_number: z.string().nullish(),
  state_id: z.string().nullish(),
  school: z.string().nullish(),
  schools: z.array(z.string()).nullish(),
  grade: z.string().nullish(),
  /** `M/D/YYYY`; kept in `raw` only, never mapped (the normalized model has no birth date). */
  dob: z.string().nullish(),
  credentials: credentialsSchema.nullish(),
});

const teacherRoleSchema = z.looseObject({
  legacy_id: z.string().nullish(),
  sis_id: z.string().nullish(),
  teacher_number: z.string().nullish(),
  state_id: z.string().nullish(),
  title: z.string().nullish(),
  school: z.string().nullish(),
  schools: z.array(z.string()).nullish(),
  credentials: credentialsSchema.nullish(),
});

const staffRoleSchema = z.looseObject({
  legacy_id: z.string().nullish(),
  staff_id: z.string().nullish(),
  title: z.string().nullish(),
  department: z.string().nullish(),
  roles: z.array(z.string()).nullish(),
  schools: z.array(z.string()).nullish(),
  credentials: credentialsSchema.nullish(),
});

const districtAdminRoleSchema = z.looseObject({
  legacy_id: z.string().nullish(),
  title: z.string().nullish(),
});

export const cleverUserSchema = z.looseObject({
  id: z.string(),
  district: z.string().nullish(),
  email: z.string().nullish(),
  name: nameSchema.nullish(),
  roles: z
    .looseObject({
      student: studentRoleSchema.nullish(),
      teacher: teacherRoleSchema.nullish(),
      staff: staffRoleSchema.nullish(),
      district_admin: districtAdminRoleSchema.nullish(),
      contact: z.looseObject({}).nullish(),
    })
    .nullish(),
  created: z.string().nullish(),
  last_modified: z.string().nullish(),
});
export type CleverUser = z.infer<typeof cleverUserSchema>;

/** A list page: `{ data: [{ data: record }], links: [{ rel, uri }] }`. Records are validated one by one later. */
export const cleverListPageSchema = z.looseObject({
  data: z.array(z.looseObject({ data: z.unknown() })).nullish(),
  links: z.array(cleverLinkSchema).nullish(),
});
export type CleverListPage = z.infer<typeof cleverListPageSchema>;

/** A single-record response: `{ data: record }`. */
export const cleverSingleResponseSchema = z.looseObject({ data: z.unknown() });

/**
 * One event of the Events API. Updated events carry the changed fields' old values in
 * `previous_attributes`, which Clever's docs show inside `data` and its swagger file at event level;
 * both places are read.
 */
export const cleverEventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  created: z.string().nullish(),
  data: z
    .looseObject({
      object: z.record(z.string(), z.unknown()).nullish(),
      previous_attributes: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
  previous_attributes: z.record(z.string(), z.unknown()).nullish(),
});
export type CleverEvent = z.infer<typeof cleverEventSchema>;

/** One entry of `GET https://clever.com/oauth/tokens?owner_type=district`. */
export const cleverTokenSchema = z.looseObject({
  id: z.string().nullish(),
  access_token: z.string(),
  owner: z.looseObject({ type: z.string().nullish(), id: z.string() }),
  scopes: z.array(z.string()).nullish(),
});

export const cleverTokensResponseSchema = z.looseObject({
  data: z.array(cleverTokenSchema),
});
export type CleverTokensResponse = z.infer<typeof cleverTokensResponseSchema>;
