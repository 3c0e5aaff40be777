import type {
  AcademicSession,
  Course,
  Enrollment,
  Org,
  RosterClass,
  RosterEntity,
  RosterRecordByEntity,
  User,
} from '@aivo/connector-sdk';

/** The file name of each roster entity in a OneRoster 1.1 CSV set. */
export const oneRosterCsvFileNames: Record<RosterEntity, string> = {
  orgs: 'orgs.csv',
  academicSessions: 'academicSessions.csv',
  courses: 'courses.csv',
  classes: 'classes.csv',
  users: 'users.csv',
  enrollments: 'enrollments.csv',
};

/** The exact OneRoster 1.1 CSV headers, in order (SIS-FORMATS §3.2). */
export const oneRosterCsvHeaders: Record<RosterEntity, readonly string[]> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  academicSessions: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'type',
    'startDate',
    'endDate',
    'parentSourcedId',
    'schoolYear',
  ],
  courses: [
    'sourcedId',
    'status',
    'dateLastModified',
    'schoolYearSourcedId',
    'title',
    'courseCode',
    'grades',
    'orgSourcedId',
    'subjects',
    'subjectCodes',
  ],
  classes: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'grades',
    'courseSourcedId',
    'classCode',
    'classType',
    'location',
    'schoolSourcedId',
    'termSourcedIds',
    'subjects',
    'subjectCodes',
    'periods',
  ],
  users: [
    'sourcedId',
    'status',
    'dateLastModified',
    'enabledUser',
    'orgSourcedIds',
    'role',
    'username',
    'userIds',
    'givenName',
    'familyName',
    'middleName',
    'identifier',
    'email',
    'sms',
    'phone',
    'agentSourcedIds',
    'grades',
    'password',
  ],
  enrollments: [
    'sourcedId',
    'status',
    'dateLastModified',
    'classSourcedId',
    'schoolSourcedId',
    'userSourcedId',
    'role',
    'primary',
    'beginDate',
    'endDate',
  ],
};

/**
 * The files a OneRoster 1.1 manifest declares, in the order the reference fixture lists them. Files the
 * simulator does not write are declared `absent`.
 */
export const oneRosterManifestFiles = [
  'academicSessions',
  'categories',
  'classes',
  'classResources',
  'courses',
  'courseResources',
  'demographics',
  'enrollments',
  'lineItems',
  'orgs',
  'resources',
  'results',
  'users',
] as const;

/** Bulk files leave status and dateLastModified blank; delta files fill them in. */
export type OneRosterCsvMode = 'bulk' | 'delta';

type Cell = string;

const text = (value: string | undefined): Cell => value ?? '';
const list = (values: readonly string[]): Cell => values.join(',');
const bool = (value: boolean): Cell => (value ? 'true' : 'false');

function statusCells(
  record: { status: string; dateLastModified?: string | undefined },
  mode: OneRosterCsvMode,
) {
  return mode === 'bulk' ? ['', ''] : [record.status, text(record.dateLastModified)];
}

/** Turns one normalized record into its CSV row (cells in header order). */
export const oneRosterCsvRow: {
  [Entity in RosterEntity]: (record: RosterRecordByEntity[Entity], mode: OneRosterCsvMode) => Cell[];
} = {
  orgs: (org: Org, mode) => [
    org.sourcedId,
    ...statusCells(org, mode),
    org.name,
    org.type,
    text(org.identifier),
    text(org.parentSourcedId),
  ],
  academicSessions: (session: AcademicSession, mode) => [
    session.sourcedId,
    ...statusCells(session, mode),
    session.title,
    session.type,
    session.startDate,
    session.endDate,
    text(session.parentSourcedId),
    text(session.schoolYear),
  ],
  courses: (course: Course, mode) => [
    course.sourcedId,
    ...statusCells(course, mode),
    text(course.schoolYearSourcedId),
    course.title,
    text(course.courseCode),
    list(course.grades),
    text(course.orgSourcedId),
    list(course.subjects),
    list(course.subjectCodes),
  ],
  classes: (rosterClass: RosterClass, mode) => [
    rosterClass.sourcedId,
    ...statusCells(rosterClass, mode),
    rosterClass.title,
    list(rosterClass.grades),
    text(rosterClass.courseSourcedId),
    text(rosterClass.classCode),
    rosterClass.classType,
    text(rosterClass.location),
    rosterClass.schoolSourcedId,
    list(rosterClass.termSourcedIds),
    list(rosterClass.subjects),
    list(rosterClass.subjectCodes),
    list(rosterClass.periods),
  ],
  users: (user: User, mode) => [
    user.sourcedId,
    ...statusCells(user, mode),
    bool(user.enabledUser),
    list(user.orgSourcedIds),
    user.role,
    text(user.username),
    user.userIds.map((userId) => `{${userId.type}:${userId.identifier}}`).join(','),
    user.givenName,
    user.familyName,
    text(user.middleName),
    text(user.identifier),
    text(user.email),
    text(user.sms),
    text(user.phone),
    list(user.agentSourcedIds),
    list(user.grades),
    // Never write passwords, even fake ones.
    '',
  ],
  enrollments: (enrollment: Enrollment, mode) => [
    enrollment.sourcedId,
    ...statusCells(enrollment, mode),
    enrollment.classSourcedId,
    text(enrollment.schoolSourcedId),
    enrollment.userSourcedId,
    enrollment.role,
    bool(enrollment.primary),
    text(enrollment.beginDate),
    text(enrollment.endDate),
  ],
};
