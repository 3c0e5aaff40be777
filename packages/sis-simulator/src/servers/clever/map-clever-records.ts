import type { AcademicSession, Course, Org, RosterClass, User } from '@aivo/connector-sdk';
import type { DistrictIndex } from '../district-index.js';
import {
  cleverDateOfBirth,
  cleverGender,
  cleverGrade,
  cleverGraduationYear,
  cleverSubject,
  gradeRank,
} from './clever-values.js';

/** A Clever record: a JSON object with an `id`. */
export type CleverRecord = { id: string } & Record<string, unknown>;

/** The Clever collections the simulator serves, in the order events are emitted for creations. */
export const cleverCollections = ['districts', 'schools', 'terms', 'courses', 'users', 'sections'] as const;
export type CleverCollection = (typeof cleverCollections)[number];

/** Clever's four staff-like roles plus contacts, as `/users?role=` takes them. */
export const cleverUserRoles = ['student', 'teacher', 'staff', 'district_admin', 'contact'] as const;
export type CleverUserRole = (typeof cleverUserRoles)[number];

/** Context shared by the mappers of one district. */
export interface CleverMappingContext {
  index: DistrictIndex;
  districtId: string;
  /** ISO timestamp used as `created` for every record (the roster model keeps no creation time). */
  created: string;
  schoolYearStart: string;
  schoolYearEnd: string;
  schoolYearEndYear: number;
  schoolIds: ReadonlySet<string>;
}

/** Builds the mapping context of an indexed district. */
export function cleverMappingContext(index: DistrictIndex): CleverMappingContext {
  const start = index.schoolYear?.startDate ?? '2025-08-01';
  const end = index.schoolYear?.endDate ?? '2026-06-30';
  return {
    index,
    districtId: index.district.districtSourcedId,
    created: `${start}T00:00:00.000Z`,
    schoolYearStart: `${start}T00:00:00.000Z`,
    schoolYearEnd: `${end}T00:00:00.000Z`,
    schoolYearEndYear: Number(index.schoolYear?.schoolYear ?? end.slice(0, 4)),
    schoolIds: new Set(index.orgs.items.filter((org) => org.type === 'school').map((org) => org.sourcedId)),
  };
}

function lastModified(context: CleverMappingContext, record: { dateLastModified?: string | undefined }) {
  return record.dateLastModified ?? context.created;
}

function name(user: User) {
  return { first: user.givenName, middle: user.middleName ?? null, last: user.familyName };
}

/** The district record, with its first district administrator as the contact. */
export function mapCleverDistrict(context: CleverMappingContext, district: Org): CleverRecord {
  const admin = context.index.users.items.find(
    (user) => user.role === 'administrator' && user.orgSourcedIds.includes(district.sourcedId),
  );
  const slug = district.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    id: district.sourcedId,
    name: district.name,
    sis_type: 'sftp',
    state: 'success',
    last_sync: lastModified(context, district),
    launch_date: context.schoolYearStart.slice(0, 10),
    login_methods: ['google', 'clever_badges'],
    mdr_number: null,
    nces_id: district.identifier ?? null,
    portal_url: `https://clever.com/in/${slug}`,
    pause_start: null,
    pause_end: null,
    error: '',
    district_contact: {
      id: admin?.sourcedId ?? district.sourcedId,
      district: district.sourcedId,
      email: admin?.email ?? null,
      name: admin ? name(admin) : { first: null, middle: null, last: null },
      title: 'District Administrator',
    },
  };
}

/** A school; grade span from its students, principal from its administrators. */
export function mapCleverSchool(
  context: CleverMappingContext,
  school: Org,
  gradeSpan: { low?: string; high?: string },
  principal?: User,
): CleverRecord {
  return {
    id: school.sourcedId,
    district: context.districtId,
    name: school.name,
    sis_id: school.identifier ?? school.sourcedId,
    school_number: school.identifier ?? '',
    state_id: null,
    nces_id: null,
    mdr_number: null,
    phone: null,
    low_grade: cleverGrade(gradeSpan.low),
    high_grade: cleverGrade(gradeSpan.high),
    location: null,
    principal: {
      name: principal ? `${principal.givenName} ${principal.familyName}` : null,
      email: principal?.email ?? null,
    },
    created: context.created,
    last_modified: lastModified(context, school),
    ext: {},
  };
}

export function mapCleverTerm(context: CleverMappingContext, session: AcademicSession): CleverRecord {
  return {
    id: session.sourcedId,
    district: context.districtId,
    name: session.title,
    start_date: session.startDate,
    end_date: session.endDate,
  };
}

export function mapCleverCourse(context: CleverMappingContext, course: Course): CleverRecord {
  return {
    id: course.sourcedId,
    district: context.districtId,
    name: course.title,
    number: course.courseCode ?? null,
  };
}

/** A section with its roster (students, teachers, primary teacher) from the class's enrollments. */
export function mapCleverSection(context: CleverMappingContext, roster: RosterClass): CleverRecord {
  const people = context.index.rosterByClass.get(roster.sourcedId);
  return {
    id: roster.sourcedId,
    district: context.districtId,
    school: roster.schoolSourcedId,
    name: roster.title,
    sis_id: roster.classCode ?? roster.sourcedId,
    section_number: roster.classCode ?? null,
    period: roster.periods[0] ?? null,
    subject: roster.classType === 'homeroom' ? 'homeroom/advisory' : cleverSubject(roster.subjects[0]),
    grade: cleverGrade(roster.grades[0]),
    course: roster.courseSourcedId ?? null,
    term_id: roster.termSourcedIds[0] ?? null,
    teacher: people?.primaryTeacher ?? null,
    teachers: people?.teachers ?? [],
    students: people?.students ?? [],
    created: context.created,
    last_modified: lastModified(context, roster),
    ext: {},
  };
}

function schoolsOf(context: CleverMappingContext, user: User): string[] {
  return user.orgSourcedIds.filter((id) => context.schoolIds.has(id));
}

function staffRole(context: CleverMappingContext, user: User, title: string, roles: string[]) {
  return {
    legacy_id: user.sourcedId,
    staff_id: user.identifier ?? user.sourcedId,
    title,
    department: null,
    roles,
    schools: schoolsOf(context, user),
    credentials: { district_username: user.username ?? '' },
    ext: {},
  };
}

/**
 * One Clever user. Clever merges a person's staff-like roles into one user, so a teacher who is also
 * school staff gets both `roles.teacher` and `roles.staff`; a district-level administrator is a
 * `district_admin`, school administrators, aides and proctors are `staff`, guardians are `contact`s.
 */
export function mapCleverUser(context: CleverMappingContext, user: User): CleverRecord {
  const schools = schoolsOf(context, user);
  const modified = lastModified(context, user);
  const roles: Record<string, unknown> = {};
  switch (user.role) {
    case 'student':
      roles.student = {
        legacy_id: user.sourcedId,
        sis_id: user.identifier ?? user.sourcedId,
        student_number: user.identifier ?? null,
        state_id: null,
        school: schools[0] ?? '',
        schools,
        grade: cleverGrade(user.grades[0]),
        dob: cleverDateOfBirth(user.sourcedId, user.grades[0], context.schoolYearEndYear),
        gender: cleverGender(user.sourcedId),
        race: null,
        hispanic_ethnicity: null,
        ell_status: null,
        graduation_year: cleverGraduationYear(user.grades[0], context.schoolYearEndYear),
        enrollments: schools.map((school) => ({
          school,
          start_date: context.schoolYearStart,
          end_date: context.schoolYearEnd,
        })),
        location: null,
        credentials: { district_username: user.username ?? '' },
        created: context.created,
        last_modified: modified,
        ext: {},
      };
      break;
    case 'teacher':
      roles.teacher = {
        legacy_id: user.sourcedId,
        sis_id: user.identifier ?? user.sourcedId,
        teacher_number: user.identifier ?? null,
        state_id: null,
        title: null,
        school: schools[0] ?? '',
        schools,
        district: context.districtId,
        name: name(user),
        credentials: { district_username: user.username ?? '' },
        created: context.created,
        last_modified: modified,
        ext: {},
      };
      if (context.index.multiRoleTeacherIds.has(user.sourcedId)) {
        roles.staff = staffRole(context, user, 'Department Head', ['Teacher', 'School Administrator']);
      }
      break;
    case 'administrator':
      if (user.orgSourcedIds.includes(context.districtId) && schools.length === 0) {
        roles.district_admin = { legacy_id: user.sourcedId, title: 'District Administrator' };
      } else {
        roles.staff = staffRole(context, user, 'Principal', ['School Administrator']);
      }
      break;
    case 'aide':
      roles.staff = staffRole(context, user, 'Aide', ['Aide']);
      break;
    case 'proctor':
      roles.staff = staffRole(context, user, 'Proctor', ['Proctor']);
      break;
    default:
      roles.contact = {
        legacy_id: user.sourcedId,
        sis_id: user.identifier ?? null,
        phone: user.phone ?? null,
        phone_type: user.phone ? 'Cell' : null,
        student_relationships: user.agentSourcedIds.map((student) => ({
          student,
          relationship: user.role === 'relative' ? 'Other' : 'Parent',
          type: 'Parent/Guardian',
        })),
      };
  }
  return {
    id: user.sourcedId,
    district: context.districtId,
    email: user.email ?? null,
    name: name(user),
    roles,
    created: context.created,
    last_modified: modified,
  };
}

/** The lowest and highest grade of each school's students, for `low_grade`/`high_grade`. */
export function gradeSpansBySchool(
  context: CleverMappingContext,
): Map<string, { low?: string; high?: string }> {
  const spans = new Map<string, { low?: string; high?: string }>();
  for (const user of context.index.users.items) {
    if (user.role !== 'student' || user.grades[0] === undefined) continue;
    const grade = user.grades[0];
    for (const school of schoolsOf(context, user)) {
      const span = spans.get(school) ?? {};
      if (span.low === undefined || gradeRank(grade) < gradeRank(span.low)) span.low = grade;
      if (span.high === undefined || gradeRank(grade) > gradeRank(span.high)) span.high = grade;
      spans.set(school, span);
    }
  }
  return spans;
}
