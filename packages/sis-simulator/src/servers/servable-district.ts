import type { AcademicSession, Course, Enrollment, Org, RosterClass, User } from '@aivo/connector-sdk';

/**
 * What the servers need from a district: the generator's `SimulatedDistrict` satisfies it, and so does any
 * hand-made object in a test. Each method returns a fresh iterable of normalized records.
 */
export interface ServableDistrict {
  readonly day: number;
  readonly districtSourcedId: string;
  readonly districtName: string;
  /** When this day's state was published (the generator's `snapshotTime`); stamps deletions. */
  readonly snapshotTime?: string;
  orgs(): Iterable<Org>;
  academicSessions(): Iterable<AcademicSession>;
  courses(): Iterable<Course>;
  classes(): Iterable<RosterClass>;
  users(): Iterable<User>;
  enrollments(): Iterable<Enrollment>;
  /** Teachers who are also school staff (Clever merges both roles into one user). */
  multiRoleTeacherIds?(): Iterable<string>;
  /** The generator's ground truth; its `multiRoleTeacherIds` is used when the method above is absent. */
  groundTruth?(): { multiRoleTeacherIds?: readonly string[] };
}
