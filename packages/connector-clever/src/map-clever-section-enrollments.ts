import type { EnrollmentInput } from '@aivo/connector-sdk';
import type { CleverSection } from './clever-api-schemas.js';

/** Clever has no enrollment ids, so one is derived from what identifies the membership; re-runs derive the same. */
export function cleverEnrollmentSourcedId(
  sectionId: string,
  userId: string,
  role: 'student' | 'teacher',
): string {
  return `${sectionId}-${userId}-${role}`;
}

function enrollment(
  section: CleverSection,
  userId: string,
  role: 'student' | 'teacher',
  status: 'active' | 'tobedeleted',
): EnrollmentInput {
  return {
    sourcedId: cleverEnrollmentSourcedId(section.id, userId, role),
    status,
    dateLastModified: section.last_modified ?? undefined,
    classSourcedId: section.id,
    schoolSourcedId: section.school ?? undefined,
    userSourcedId: userId,
    role,
    primary: role === 'teacher' && userId === section.teacher,
    raw: {
      section: section.id,
      user: userId,
      role,
      primary: role === 'teacher' && userId === section.teacher,
    },
  };
}

/** The teachers of a section: `teachers[]`, plus the primary `teacher` should Clever leave it out of the list. */
export function cleverSectionTeacherIds(section: Pick<CleverSection, 'teacher' | 'teachers'>): string[] {
  const teachers = new Set(section.teachers ?? []);
  if (section.teacher) teachers.add(section.teacher);
  return [...teachers];
}

/**
 * Derives a section's enrollments: one per teacher (the section's `teacher` is the primary one) and one per
 * student, each with a stable derived sourcedId `${sectionId}-${userId}-${role}`.
 */
export function mapCleverSectionEnrollments(
  section: CleverSection,
  status: 'active' | 'tobedeleted' = 'active',
): EnrollmentInput[] {
  const teachers = cleverSectionTeacherIds(section).map((userId) =>
    enrollment(section, userId, 'teacher', status),
  );
  const students = [...new Set(section.students ?? [])].map((userId) =>
    enrollment(section, userId, 'student', status),
  );
  return [...teachers, ...students];
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((entry): entry is string => typeof entry === 'string')
    : undefined;
}

/**
 * The enrollment changes of a `sections.updated` event, from the section now and the old values of its
 * changed fields (`previous_attributes`):
 * - a student or teacher added → an active enrollment; removed → a `tobedeleted` one;
 * - a new primary teacher → both the old and the new primary teacher's enrollments, with `primary` updated;
 * - a section moved to another school → every enrollment again, with the new school.
 */
export function mapCleverSectionEnrollmentChanges(
  section: CleverSection,
  previousAttributes: Record<string, unknown>,
): EnrollmentInput[] {
  const changes: EnrollmentInput[] = [];
  const currentStudents = new Set(section.students ?? []);
  const previousStudents = stringList(previousAttributes.students);
  if (previousStudents) {
    const before = new Set(previousStudents);
    for (const userId of currentStudents) {
      if (!before.has(userId)) changes.push(enrollment(section, userId, 'student', 'active'));
    }
    for (const userId of before) {
      if (!currentStudents.has(userId)) changes.push(enrollment(section, userId, 'student', 'tobedeleted'));
    }
  }
  const currentTeachers = new Set(cleverSectionTeacherIds(section));
  const previousTeacherList = stringList(previousAttributes.teachers);
  const primaryChanged = 'teacher' in previousAttributes;
  const previousPrimary =
    typeof previousAttributes.teacher === 'string' ? previousAttributes.teacher : undefined;
  const before = new Set(
    cleverSectionTeacherIds({
      teachers: previousTeacherList ?? section.teachers,
      teacher: primaryChanged ? previousPrimary : section.teacher,
    }),
  );
  const touched = new Set<string>();
  for (const userId of currentTeachers) {
    if (!before.has(userId)) touched.add(userId);
  }
  if (primaryChanged) {
    for (const userId of [previousPrimary, section.teacher]) {
      if (userId && currentTeachers.has(userId)) touched.add(userId);
    }
  }
  for (const userId of touched) changes.push(enrollment(section, userId, 'teacher', 'active'));
  for (const userId of before) {
    if (!currentTeachers.has(userId)) changes.push(enrollment(section, userId, 'teacher', 'tobedeleted'));
  }
  if ('school' in previousAttributes) {
    // Every enrollment carries the school: re-issue the ones not already changed above.
    const changed = new Set(changes.map((change) => change.sourcedId));
    for (const current of mapCleverSectionEnrollments(section)) {
      if (!changed.has(current.sourcedId)) changes.push(current);
    }
  }
  return changes;
}
