import type { OneRosterCourseJson } from './oneroster-api-schemas.js';

/** OneRoster course JSON → the SDK's course input. */
export function mapOneRosterCourse(course: OneRosterCourseJson): Record<string, unknown> {
  return {
    sourcedId: course.sourcedId,
    status: course.status,
    dateLastModified: course.dateLastModified,
    title: course.title,
    courseCode: course.courseCode,
    grades: course.grades,
    subjects: course.subjects,
    subjectCodes: course.subjectCodes,
    orgSourcedId: course.org ?? undefined,
    schoolYearSourcedId: course.schoolYear ?? undefined,
  };
}
