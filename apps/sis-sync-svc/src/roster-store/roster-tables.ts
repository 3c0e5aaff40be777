import type { RosterEntity } from '@aivo/connector-sdk';

/** How one entity's rows are stored: the table and its typed columns, as SQL over the record (`content`). */
export interface RosterTable {
  name: string;
  /** Column name → SQL expression reading the normalized record from the jsonb value `content`. */
  columns: Record<string, string>;
}

const text = (field: string) => `content->>'${field}'`;
const textArray = (field: string) =>
  `ARRAY(SELECT jsonb_array_elements_text(coalesce(content->'${field}', '[]'::jsonb)))`;

/**
 * The roster table of each entity. For `users` the rows are the provider links (`roster_user_links`); the
 * platform users they point at live in `roster_users` (one per person per tenant).
 */
export const rosterTables: Record<RosterEntity, RosterTable> = {
  orgs: {
    name: 'roster_orgs',
    columns: {
      name: text('name'),
      org_type: text('type'),
      identifier: text('identifier'),
      parent_sourced_id: text('parentSourcedId'),
    },
  },
  academicSessions: {
    name: 'roster_academic_sessions',
    columns: {
      title: text('title'),
      session_type: text('type'),
      start_date: text('startDate'),
      end_date: text('endDate'),
      parent_sourced_id: text('parentSourcedId'),
      school_year: text('schoolYear'),
    },
  },
  courses: {
    name: 'roster_courses',
    columns: {
      title: text('title'),
      course_code: text('courseCode'),
      org_sourced_id: text('orgSourcedId'),
    },
  },
  classes: {
    name: 'roster_classes',
    columns: {
      title: text('title'),
      class_code: text('classCode'),
      class_type: `coalesce(${text('classType')}, 'scheduled')`,
      course_sourced_id: text('courseSourcedId'),
      school_sourced_id: text('schoolSourcedId'),
      term_sourced_ids: textArray('termSourcedIds'),
    },
  },
  users: {
    name: 'roster_user_links',
    columns: {
      org_sourced_ids: textArray('orgSourcedIds'),
    },
  },
  enrollments: {
    name: 'roster_enrollments',
    columns: {
      class_sourced_id: text('classSourcedId'),
      user_sourced_id: text('userSourcedId'),
      school_sourced_id: text('schoolSourcedId'),
      role: text('role'),
      primary: `coalesce((${text('primary')})::boolean, false)`,
      begin_date: text('beginDate'),
      end_date: text('endDate'),
    },
  },
};

/** Enrollment column that points at a deactivated row of `entity`, for the cascade; none for other entities. */
export const enrollmentReferenceColumn: Partial<Record<RosterEntity, string>> = {
  classes: 'class_sourced_id',
  users: 'user_sourced_id',
};

/**
 * Person fields of `roster_users` refreshed from a user record; a field the record leaves blank keeps the
 * value another provider (or an earlier record) gave it. `content` is the record, `person` the user row.
 */
export const personColumns: Record<string, string> = {
  role: `coalesce(nullif(${text('role')}, ''), person.role)`,
  given_name: `coalesce(nullif(${text('givenName')}, ''), person.given_name)`,
  family_name: `coalesce(nullif(${text('familyName')}, ''), person.family_name)`,
  // An email another active person of the tenant already holds is not taken over (one person per email).
  email: `CASE WHEN EXISTS (SELECT 1 FROM roster_users other WHERE other.tenant_id = person.tenant_id
            AND other.id <> person.id AND other.active AND btrim(other.email) <> ''
            AND lower(btrim(other.email)) = lower(btrim(${text('email')})))
          THEN person.email ELSE coalesce(nullif(lower(btrim(${text('email')})), ''), person.email) END`,
  username: `coalesce(nullif(${text('username')}, ''), person.username)`,
  identifier: `coalesce(nullif(${text('identifier')}, ''), person.identifier)`,
  grades: `CASE WHEN jsonb_array_length(coalesce(content->'grades', '[]'::jsonb)) > 0 THEN ${textArray('grades')} ELSE person.grades END`,
};
