import type { CourseInput } from '@aivo/connector-sdk';
import type { CleverCourse } from './clever-api-schemas.js';

/** Maps a Clever course. Clever courses belong to the district; a course without a name is titled by its number. */
export function mapCleverCourse(course: CleverCourse, districtId: string): CourseInput {
  return {
    sourcedId: course.id,
    status: 'active',
    dateLastModified: course.last_modified ?? undefined,
    title: course.name || course.number || course.id,
    courseCode: course.number ?? undefined,
    grades: [],
    subjects: [],
    subjectCodes: [],
    orgSourcedId: course.district ?? districtId,
    raw: course,
  };
}
