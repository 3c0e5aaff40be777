import type { AcademicSession, Course, Enrollment, Org, RosterClass, User } from '@aivo/connector-sdk';
import type { ServableDistrict } from './servable-district.js';
import { type SortedRecords, sortRecords } from './sorted-records.js';

const bySourcedId = (record: { sourcedId: string }) => record.sourcedId;

/** The people of one class, from its enrollments. */
export interface ClassRoster {
  students: string[];
  teachers: string[];
  /** The primary teacher, or the first teacher when none is marked primary. */
  primaryTeacher?: string;
}

/**
 * A district read once into sorted arrays and lookup maps, so servers can page and follow references
 * without regenerating. Holds every record of the district in memory (fine up to `large`).
 */
export interface DistrictIndex {
  readonly district: ServableDistrict;
  readonly orgs: SortedRecords<Org>;
  readonly academicSessions: SortedRecords<AcademicSession>;
  readonly courses: SortedRecords<Course>;
  readonly classes: SortedRecords<RosterClass>;
  readonly users: SortedRecords<User>;
  readonly enrollments: SortedRecords<Enrollment>;
  readonly rosterByClass: ReadonlyMap<string, ClassRoster>;
  readonly multiRoleTeacherIds: ReadonlySet<string>;
  /** The school year session (the first `schoolYear`), if any. */
  readonly schoolYear?: AcademicSession;
}

/** Indexes already built, so several servers of one district (as `serve` starts) share one copy. */
const indexes = new WeakMap<ServableDistrict, DistrictIndex>();

/**
 * Reads every entity of `district` once and indexes it. The index is cached per district object, which
 * is treated as immutable (the generator's districts are).
 */
export function indexDistrict(district: ServableDistrict): DistrictIndex {
  const cached = indexes.get(district);
  if (cached) return cached;
  const index = buildIndex(district);
  indexes.set(district, index);
  return index;
}

function buildIndex(district: ServableDistrict): DistrictIndex {
  const enrollments = sortRecords(district.enrollments(), bySourcedId);
  const rosterByClass = new Map<string, ClassRoster>();
  for (const enrollment of enrollments.items) {
    if (enrollment.status !== 'active') continue;
    let roster = rosterByClass.get(enrollment.classSourcedId);
    if (!roster) {
      roster = { students: [], teachers: [] };
      rosterByClass.set(enrollment.classSourcedId, roster);
    }
    if (enrollment.role === 'student') roster.students.push(enrollment.userSourcedId);
    if (enrollment.role === 'teacher') {
      roster.teachers.push(enrollment.userSourcedId);
      if (enrollment.primary && roster.primaryTeacher === undefined) {
        roster.primaryTeacher = enrollment.userSourcedId;
      }
    }
  }
  for (const roster of rosterByClass.values()) roster.primaryTeacher ??= roster.teachers[0];
  const academicSessions = sortRecords(district.academicSessions(), bySourcedId);
  const schoolYear = academicSessions.items.find((session) => session.type === 'schoolYear');
  return {
    district,
    orgs: sortRecords(district.orgs(), bySourcedId),
    academicSessions,
    courses: sortRecords(district.courses(), bySourcedId),
    classes: sortRecords(district.classes(), bySourcedId),
    users: sortRecords(district.users(), bySourcedId),
    enrollments,
    rosterByClass,
    multiRoleTeacherIds: new Set(
      district.multiRoleTeacherIds?.() ?? district.groundTruth?.().multiRoleTeacherIds ?? [],
    ),
    ...(schoolYear ? { schoolYear } : {}),
  };
}
