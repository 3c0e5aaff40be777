import {
  type AcademicSession,
  type Course,
  type Enrollment,
  type Org,
  parseRosterRecord,
  type RosterClass,
  type RosterEntity,
  type RosterRecordByEntity,
  type User,
} from '@aivo/connector-sdk';

/** Builds a record through the SDK's own parser, so tests use exactly what connectors yield. */
function parse<Entity extends RosterEntity>(
  entity: Entity,
  input: Record<string, unknown>,
): RosterRecordByEntity[Entity] {
  const result = parseRosterRecord(entity, input);
  if (!result.success) throw new Error(result.issue.message);
  return result.record;
}

export const school = (sourcedId: string, fields: Record<string, unknown> = {}): Org =>
  parse('orgs', { sourcedId, name: `School ${sourcedId}`, type: 'school', ...fields });

export const term = (sourcedId: string, fields: Record<string, unknown> = {}): AcademicSession =>
  parse('academicSessions', {
    sourcedId,
    title: `Term ${sourcedId}`,
    type: 'term',
    startDate: '2025-08-15',
    endDate: '2025-12-20',
    ...fields,
  });

export const course = (sourcedId: string, fields: Record<string, unknown> = {}): Course =>
  parse('courses', { sourcedId, title: `Course ${sourcedId}`, ...fields });

export const rosterClass = (
  sourcedId: string,
  schoolSourcedId: string,
  fields: Record<string, unknown> = {},
): RosterClass => parse('classes', { sourcedId, title: `Class ${sourcedId}`, schoolSourcedId, ...fields });

export const student = (sourcedId: string, fields: Record<string, unknown> = {}): User =>
  parse('users', { sourcedId, role: 'student', givenName: 'Ana', familyName: sourcedId, ...fields });

export const teacher = (sourcedId: string, fields: Record<string, unknown> = {}): User =>
  parse('users', { sourcedId, role: 'teacher', givenName: 'Tom', familyName: sourcedId, ...fields });

export const enrollment = (
  sourcedId: string,
  classSourcedId: string,
  userSourcedId: string,
  fields: Record<string, unknown> = {},
): Enrollment =>
  parse('enrollments', { sourcedId, classSourcedId, userSourcedId, role: 'student', ...fields });

/** `count` records made by `make(index)`. */
export function many<Item>(count: number, make: (index: number) => Item): Item[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

/** A small district: one school, one term, `classes` classes with `studentsPerClass` students each. */
export function smallDistrict(options: { classes?: number; studentsPerClass?: number } = {}) {
  const classCount = options.classes ?? 2;
  const perClass = options.studentsPerClass ?? 5;
  const classes = many(classCount, (index) => rosterClass(`c${index}`, 's1', { termSourcedIds: 't1' }));
  const students = many(classCount * perClass, (index) =>
    student(`u${index}`, { email: `u${index}@school.org`, identifier: `${1000 + index}` }),
  );
  const enrollments = students.map((user, index) =>
    enrollment(`e${index}`, `c${Math.floor(index / perClass)}`, user.sourcedId),
  );
  return {
    orgs: [school('s1')],
    academicSessions: [term('t1')],
    courses: [course('k1')],
    classes,
    users: students,
    enrollments,
  };
}
