import type { RosterEntity } from '@aivo/connector-sdk';
import { flag, requiredText, type StagingColumn, text, textArray } from './staging-column-values.js';

/** A staging table and its normalized columns, each taken from the extracted record in Node. */
export interface StagingTable {
  name: string;
  columns: Record<string, StagingColumn>;
}

/** The `sis_raw_*` staging table of each entity (orgs are staged as schools, academic sessions as terms). */
export const stagingTables: Record<RosterEntity, StagingTable> = {
  orgs: {
    name: 'sis_raw_schools',
    columns: {
      name: requiredText('name'),
      org_type: requiredText('type'),
      identifier: text('identifier'),
      parent_external_id: text('parentSourcedId'),
    },
  },
  academicSessions: {
    name: 'sis_raw_terms',
    columns: {
      title: requiredText('title'),
      session_type: requiredText('type'),
      start_date: text('startDate'),
      end_date: text('endDate'),
      parent_external_id: text('parentSourcedId'),
    },
  },
  courses: {
    name: 'sis_raw_courses',
    columns: {
      title: requiredText('title'),
      course_code: text('courseCode'),
      org_external_id: text('orgSourcedId'),
    },
  },
  classes: {
    name: 'sis_raw_classes',
    columns: {
      title: requiredText('title'),
      class_code: text('classCode'),
      course_external_id: text('courseSourcedId'),
      school_external_id: requiredText('schoolSourcedId'),
      term_external_ids: textArray('termSourcedIds'),
    },
  },
  users: {
    name: 'sis_raw_users',
    columns: {
      role: requiredText('role'),
      given_name: requiredText('givenName'),
      family_name: requiredText('familyName'),
      email: text('email'),
      username: text('username'),
      identifier: text('identifier'),
      org_external_ids: textArray('orgSourcedIds'),
    },
  },
  enrollments: {
    name: 'sis_raw_enrollments',
    columns: {
      class_external_id: requiredText('classSourcedId'),
      user_external_id: requiredText('userSourcedId'),
      school_external_id: text('schoolSourcedId'),
      role: requiredText('role'),
      primary: flag('primary'),
    },
  },
};
