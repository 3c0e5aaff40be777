import type { RosterEntity } from '@aivo/connector-sdk';
import type { DistrictCounts } from './district-counts.js';

/** The user roles the simulator creates. */
export type SimulatedUserRole = 'student' | 'teacher' | 'administrator' | 'aide' | 'guardian';

/**
 * What a district holds on its day, computed without streaming the records (students' enrollments are
 * counted from the student side, while `enrollments()` walks the class side), so tests can compare the
 * two and assert exact outcomes of a sync.
 */
export interface DistrictGroundTruth {
  seed: number | string;
  day: number;
  /** The configured day-1 counts. */
  counts: DistrictCounts;
  /** Records each iterable yields today. */
  records: Record<RosterEntity, number>;
  usersByRole: Record<SimulatedUserRole, number>;
  enrollmentsByRole: { student: number; teacher: number };
  /** One per class. */
  primaryTeacherEnrollments: number;
  /** Classes that also have a second, non-primary teacher. */
  classesWithSecondTeacher: number;
  /** Students without an email address (each still has a student number as `identifier`). */
  studentsWithoutEmail: number;
  /** Teachers whose `orgSourcedIds` list two schools. */
  teachersInTwoSchools: number;
  /** Teachers who are also school staff; Clever serves each as one user with both roles. */
  multiRoleTeacherIds: string[];
}
