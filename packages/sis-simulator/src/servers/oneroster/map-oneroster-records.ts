import type { AcademicSession, Course, Enrollment, Org, RosterClass, User } from '@aivo/connector-sdk';

/** How the served JSON looks: a plain OneRoster 1.1 server, or ClassLink's Roster Server quirks. */
export type OneRosterFlavour = 'oneroster' | 'classlink';

/** Settings of the mappers. */
export interface OneRosterMappingOptions {
  flavour: OneRosterFlavour;
  /** Root of GUIDRef hrefs: absolute (`http://host/ims/oneroster/v1p1`) for ClassLink, else the path. */
  hrefBase: string;
}

export type OneRosterJson = Record<string, unknown>;

type GuidRefType = 'org' | 'academicSession' | 'course' | 'class' | 'user' | 'enrollment';
const collectionOfType: Record<GuidRefType, string> = {
  org: 'orgs',
  academicSession: 'academicSessions',
  course: 'courses',
  class: 'classes',
  user: 'users',
  enrollment: 'enrollments',
};

function guidRef(options: OneRosterMappingOptions, type: GuidRefType, sourcedId: string) {
  return { href: `${options.hrefBase}/${collectionOfType[type]}/${sourcedId}`, sourcedId, type };
}

function optionalRef(options: OneRosterMappingOptions, type: GuidRefType, sourcedId: string | undefined) {
  return sourcedId === undefined ? {} : { [type]: guidRef(options, type, sourcedId) };
}

/** An optional scalar: omitted when absent, or `""` in the ClassLink flavour (which never omits keys). */
function optional(options: OneRosterMappingOptions, name: string, value: string | undefined) {
  if (value !== undefined) return { [name]: value };
  return options.flavour === 'classlink' ? { [name]: '' } : {};
}

/** `true`/`false`, or the strings `"true"`/`"false"` in the ClassLink flavour. */
function boolean(options: OneRosterMappingOptions, value: boolean): boolean | string {
  return options.flavour === 'classlink' ? String(value) : value;
}

function base(record: { sourcedId: string; status: string; dateLastModified?: string | undefined }) {
  return {
    sourcedId: record.sourcedId,
    status: record.status,
    dateLastModified: record.dateLastModified ?? '',
    metadata: {},
  };
}

export function mapOneRosterOrg(options: OneRosterMappingOptions, org: Org, childIds: readonly string[]) {
  return {
    ...base(org),
    name: org.name,
    type: org.type,
    ...optional(options, 'identifier', org.identifier),
    ...(org.parentSourcedId === undefined ? {} : { parent: guidRef(options, 'org', org.parentSourcedId) }),
    children: childIds.map((id) => guidRef(options, 'org', id)),
  };
}

export function mapOneRosterAcademicSession(
  options: OneRosterMappingOptions,
  session: AcademicSession,
  childIds: readonly string[],
) {
  return {
    ...base(session),
    title: session.title,
    type: session.type,
    startDate: session.startDate,
    endDate: session.endDate,
    ...(session.parentSourcedId === undefined
      ? {}
      : { parent: guidRef(options, 'academicSession', session.parentSourcedId) }),
    children: childIds.map((id) => guidRef(options, 'academicSession', id)),
    ...optional(options, 'schoolYear', session.schoolYear),
  };
}

export function mapOneRosterCourse(options: OneRosterMappingOptions, course: Course) {
  return {
    ...base(course),
    title: course.title,
    ...optional(options, 'courseCode', course.courseCode),
    grades: course.grades,
    subjects: course.subjects,
    subjectCodes: course.subjectCodes,
    ...(course.schoolYearSourcedId === undefined
      ? {}
      : { schoolYear: guidRef(options, 'academicSession', course.schoolYearSourcedId) }),
    ...optionalRef(options, 'org', course.orgSourcedId),
  };
}

export function mapOneRosterClass(options: OneRosterMappingOptions, roster: RosterClass) {
  return {
    ...base(roster),
    title: roster.title,
    ...optional(options, 'classCode', roster.classCode),
    classType: roster.classType,
    ...optional(options, 'location', roster.location),
    grades: roster.grades,
    subjects: roster.subjects,
    subjectCodes: roster.subjectCodes,
    periods: roster.periods,
    ...optionalRef(options, 'course', roster.courseSourcedId),
    school: guidRef(options, 'org', roster.schoolSourcedId),
    terms: roster.termSourcedIds.map((id) => guidRef(options, 'academicSession', id)),
  };
}

export function mapOneRosterUser(options: OneRosterMappingOptions, user: User) {
  return {
    ...base(user),
    ...optional(options, 'username', user.username),
    userIds: user.userIds,
    enabledUser: boolean(options, user.enabledUser),
    givenName: user.givenName,
    familyName: user.familyName,
    ...optional(options, 'middleName', user.middleName),
    role: user.role,
    ...optional(options, 'identifier', user.identifier),
    ...optional(options, 'email', user.email),
    ...optional(options, 'sms', user.sms),
    ...optional(options, 'phone', user.phone),
    agents: user.agentSourcedIds.map((id) => guidRef(options, 'user', id)),
    orgs: user.orgSourcedIds.map((id) => guidRef(options, 'org', id)),
    grades: user.grades,
    ...(options.flavour === 'classlink' ? { password: '' } : {}),
  };
}

export function mapOneRosterEnrollment(options: OneRosterMappingOptions, enrollment: Enrollment) {
  return {
    ...base(enrollment),
    user: guidRef(options, 'user', enrollment.userSourcedId),
    class: guidRef(options, 'class', enrollment.classSourcedId),
    ...(enrollment.schoolSourcedId === undefined
      ? {}
      : { school: guidRef(options, 'org', enrollment.schoolSourcedId) }),
    role: enrollment.role,
    primary: boolean(options, enrollment.primary),
    ...optional(options, 'beginDate', enrollment.beginDate),
    ...optional(options, 'endDate', enrollment.endDate),
  };
}

/** The fields a filter may name, per served type (dotted paths reach into GUIDRefs: `class.sourcedId`). */
export const filterableFields: Record<string, readonly string[]> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parent', 'children'],
  academicSessions: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'type',
    'startDate',
    'endDate',
    'parent',
    'children',
    'schoolYear',
  ],
  courses: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'courseCode',
    'grades',
    'subjects',
    'subjectCodes',
    'schoolYear',
    'org',
  ],
  classes: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'classCode',
    'classType',
    'location',
    'grades',
    'subjects',
    'subjectCodes',
    'periods',
    'course',
    'school',
    'terms',
  ],
  users: [
    'sourcedId',
    'status',
    'dateLastModified',
    'username',
    'userIds',
    'enabledUser',
    'givenName',
    'familyName',
    'middleName',
    'role',
    'identifier',
    'email',
    'sms',
    'phone',
    'agents',
    'orgs',
    'grades',
  ],
  enrollments: [
    'sourcedId',
    'status',
    'dateLastModified',
    'user',
    'class',
    'school',
    'role',
    'primary',
    'beginDate',
    'endDate',
  ],
};
