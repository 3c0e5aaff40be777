import type { AcademicSession, Course, Enrollment, Org, RosterClass, User } from '@aivo/connector-sdk';
import {
  asciiSlug,
  coursesByBand,
  districtNames,
  familyNames,
  givenNames,
  middleInitials,
  placeNames,
  roomNames,
  schoolKindNames,
} from './content-catalog.js';
import {
  coTeacherMember,
  type DistrictHistory,
  primaryTeacherMember,
  studentMemberOffset,
} from './district-history.js';
import { type DistrictLayout, gradesByBand } from './district-layout.js';
import { createRandom, hashFraction, hashNumbers } from './random.js';
import { dayTimestamp, schoolYear } from './school-calendar.js';
import type { SourcedIdCodec } from './sourced-id.js';
import { recordKindCodes } from './sourced-id.js';

/** Share of students who have no email address (they are matched by student number). */
const studentsWithoutEmailShare = 0.05;

/** Academic session indices: the school year, then its two semesters. */
export const academicSessionCount = 3;

/**
 * Builds single normalized records of one district on one day, by index. Every record is a pure
 * function of the layout (seed and counts) and the history (edits up to the day).
 */
export class DistrictRecords {
  readonly districtName: string;
  readonly districtSourcedId: string;
  private readonly emailDomain: string;

  constructor(
    private readonly layout: DistrictLayout,
    private readonly history: DistrictHistory,
    private readonly codec: SourcedIdCodec,
  ) {
    this.districtName = districtNames[layout.seedHash % districtNames.length] as string;
    this.districtSourcedId = codec.encode('district', 0);
    this.emailDomain = `${asciiSlug(this.districtName.split(' ')[0] as string).toLowerCase()}.k12.example.org`;
  }

  district(): Org {
    return {
      sourcedId: this.districtSourcedId,
      status: 'active',
      dateLastModified: dayTimestamp(0),
      raw: {},
      name: this.districtName,
      type: 'district',
      identifier: String(600_000 + (this.layout.seedHash % 100_000)),
    };
  }

  school(school: number): Org {
    const place = placeNames[school % placeNames.length] as string;
    const round = Math.floor(school / placeNames.length);
    const kind = schoolKindNames[this.layout.bandOfSchool(school)];
    return {
      sourcedId: this.codec.encode('school', school),
      status: 'active',
      dateLastModified: dayTimestamp(0),
      raw: {},
      name: `${place} ${kind}${round > 0 ? ` ${round + 1}` : ''}`,
      type: 'school',
      identifier: String(10_000 + school),
      parentSourcedId: this.districtSourcedId,
    };
  }

  academicSession(index: number): AcademicSession {
    const session = schoolYear.sessions[index];
    if (!session) throw new RangeError(`There is no academic session ${index}.`);
    return {
      sourcedId: this.codec.encode('academicSession', index),
      status: 'active',
      dateLastModified: dayTimestamp(0),
      raw: {},
      title: session.title,
      type: session.type,
      startDate: session.startDate,
      endDate: session.endDate,
      ...(index > 0 ? { parentSourcedId: this.codec.encode('academicSession', 0) } : {}),
      schoolYear: schoolYear.endYear,
    };
  }

  course(course: number): Course {
    const band = this.layout.bandOfCourse(course);
    const catalog = coursesByBand[band] as readonly { title: string; subject: string; subjectCode: string }[];
    const round = Math.floor(course / 3);
    const entry = catalog[round % catalog.length] as (typeof catalog)[number];
    const edition = Math.floor(round / catalog.length);
    return {
      sourcedId: this.codec.encode('course', course),
      status: 'active',
      dateLastModified: dayTimestamp(0),
      raw: {},
      title: edition > 0 ? `${entry.title} ${edition + 1}` : entry.title,
      courseCode: `${entry.subjectCode}-${course + 1}`,
      grades: [...gradesByBand[band]],
      subjects: [entry.subject],
      subjectCodes: [entry.subjectCode],
      orgSourcedId: this.districtSourcedId,
      schoolYearSourcedId: this.codec.encode('academicSession', 0),
    };
  }

  rosterClass(classIndex: number): RosterClass {
    const course = this.course(this.layout.courseOfClass(classIndex));
    const school = this.layout.schoolOfClass(classIndex);
    const period = this.layout.periodOfClass(classIndex) + 1;
    const term = this.layout.termOfClass(classIndex);
    const local = classIndex - (this.layout.classStart[school] as number);
    return {
      sourcedId: this.codec.encode('class', classIndex),
      status: 'active',
      dateLastModified: dayTimestamp(0),
      raw: {},
      title: `${course.title} - Period ${period}`,
      classCode: `${course.courseCode}.${local + 1}`,
      classType: course.title === 'Homeroom' ? 'homeroom' : 'scheduled',
      location: roomNames[hashNumbers(this.layout.seedHash, 21, classIndex) % roomNames.length] as string,
      grades: course.grades,
      subjects: course.subjects,
      subjectCodes: course.subjectCodes,
      periods: [String(period)],
      courseSourcedId: course.sourcedId,
      schoolSourcedId: this.codec.encode('school', school),
      termSourcedIds: termIndices(term).map((index) => this.codec.encode('academicSession', index)),
    };
  }

  /** Whether a student has an email address today. */
  studentHasEmail(student: number): boolean {
    const override = this.history.overrides.get(student);
    if (override?.email !== undefined) return override.email !== null;
    return hashFraction(this.layout.seedHash, 22, student) >= studentsWithoutEmailShare;
  }

  student(student: number): User {
    const random = createRandom(hashNumbers(this.layout.seedHash, recordKindCodes.student, student));
    const givenName = random.pick(givenNames);
    // Draw the day-1 family name even when it was changed, so the later draws stay the same.
    const dayOneFamilyName = random.pick(familyNames);
    const override = this.history.overrides.get(student);
    const familyName = override?.familyName ?? dayOneFamilyName;
    const middleName = random.next() < 0.3 ? random.pick(middleInitials) : undefined;
    const studentNumber = String(200_000 + student);
    const username = `${userSlug(givenName, familyName, 's')}${student}`;
    const arrival = this.history.arrivals[student - this.layout.counts.students];
    const grade = this.history.gradeOfStudent(student);
    const created = arrival?.day ?? 0;
    const modified = this.history.log.get(this.codec.encode('student', student))?.modifiedDay;
    let email: string | undefined;
    if (this.studentHasEmail(student)) {
      email = override?.email ?? mixedCaseEmail(username, `students.${this.emailDomain}`, random.integer(3));
    }
    return {
      sourcedId: this.codec.encode('student', student),
      status: 'active',
      dateLastModified: dayTimestamp(Math.max(created, modified ?? 0)),
      raw: {},
      enabledUser: true,
      role: 'student',
      orgSourcedIds: [this.codec.encode('school', this.history.schoolOfStudent(student))],
      username,
      userIds: [
        { type: 'SIS', identifier: studentNumber },
        { type: 'LDAP', identifier: username },
      ],
      givenName,
      familyName,
      ...(middleName ? { middleName } : {}),
      identifier: studentNumber,
      ...(email ? { email } : {}),
      agentSourcedIds: this.layout
        .guardiansOfStudent(student)
        .map((guardian) => this.codec.encode('guardian', guardian)),
      grades: [grade],
    };
  }

  teacher(teacher: number): User {
    const random = createRandom(hashNumbers(this.layout.seedHash, recordKindCodes.teacher, teacher));
    const givenName = random.pick(givenNames);
    const familyName = random.pick(familyNames);
    const username = `${userSlug(givenName, familyName, 't')}${teacher}`;
    return this.staffUser({
      sourcedId: this.codec.encode('teacher', teacher),
      role: 'teacher',
      orgSourcedIds: this.layout
        .schoolsOfTeacher(teacher)
        .map((school) => this.codec.encode('school', school)),
      givenName,
      familyName,
      username,
      identifier: `T${10_000 + teacher}`,
      email: mixedCaseEmail(username, this.emailDomain, random.integer(3)),
    });
  }

  administrator(administrator: number): User {
    const random = createRandom(
      hashNumbers(this.layout.seedHash, recordKindCodes.administrator, administrator),
    );
    const givenName = random.pick(givenNames);
    const familyName = random.pick(familyNames);
    const username = `${userSlug(givenName, familyName, 'a')}${administrator}`;
    // The first administrator runs the district; the others run one school each.
    const org =
      administrator === 0
        ? this.districtSourcedId
        : this.codec.encode('school', (administrator - 1) % this.layout.counts.schools);
    return this.staffUser({
      sourcedId: this.codec.encode('administrator', administrator),
      role: 'administrator',
      orgSourcedIds: [org],
      givenName,
      familyName,
      username,
      identifier: `A${1_000 + administrator}`,
      email: mixedCaseEmail(username, this.emailDomain, random.integer(3)),
      phone: `+1-555-01${String(administrator % 100).padStart(2, '0')}`,
    });
  }

  aide(aide: number): User {
    const random = createRandom(hashNumbers(this.layout.seedHash, recordKindCodes.aide, aide));
    const givenName = random.pick(givenNames);
    const familyName = random.pick(familyNames);
    const username = `${userSlug(givenName, familyName, 'd')}${aide}`;
    return this.staffUser({
      sourcedId: this.codec.encode('aide', aide),
      role: 'aide',
      orgSourcedIds: [this.codec.encode('school', aide % this.layout.counts.schools)],
      givenName,
      familyName,
      username,
      identifier: `D${1_000 + aide}`,
      email: mixedCaseEmail(username, this.emailDomain, random.integer(3)),
    });
  }

  guardian(guardian: number): User {
    const random = createRandom(hashNumbers(this.layout.seedHash, recordKindCodes.guardian, guardian));
    const student = this.layout.studentOfGuardian(guardian);
    const givenName = random.pick(givenNames);
    // Guardians usually share the family name the student had on day 1.
    const familyName =
      random.next() < 0.8 ? createRandomFamilyName(this.layout.seedHash, student) : random.pick(familyNames);
    const hasEmail = random.next() < 0.8;
    const username = `${userSlug(givenName, familyName, 'g')}${guardian}`;
    const phone = `+1-555-2${String(guardian % 1_000_000).padStart(6, '0')}`;
    return {
      sourcedId: this.codec.encode('guardian', guardian),
      status: 'active',
      dateLastModified: dayTimestamp(0),
      raw: {},
      enabledUser: true,
      role: 'guardian',
      orgSourcedIds: [this.districtSourcedId],
      username,
      userIds: [{ type: 'SIS', identifier: `G${300_000 + guardian}` }],
      givenName,
      familyName,
      identifier: `G${300_000 + guardian}`,
      ...(hasEmail ? { email: mixedCaseEmail(username, 'mail.example.com', random.integer(3)) } : {}),
      sms: phone,
      phone,
      agentSourcedIds: [this.codec.encode('student', student)],
      grades: [],
    };
  }

  /** The enrollment of a class member (see `primaryTeacherMember`, `coTeacherMember`, students). */
  enrollment(classIndex: number, member: number): Enrollment {
    const school = this.layout.schoolOfClass(classIndex);
    const dates = termDates(this.layout.termOfClass(classIndex));
    const index = classIndex * 0x100000000 + member;
    const sourcedId = this.codec.encode('enrollment', index);
    let userSourcedId: string;
    if (member === primaryTeacherMember) {
      userSourcedId = this.codec.encode('teacher', this.layout.primaryTeacherOfClass(classIndex));
    } else if (member === coTeacherMember) {
      const coTeacher = this.layout.coTeacherOfClass(classIndex);
      if (coTeacher === undefined) throw new RangeError(`Class ${classIndex} has no second teacher.`);
      userSourcedId = this.codec.encode('teacher', coTeacher);
    } else {
      userSourcedId = this.codec.encode('student', member - studentMemberOffset);
    }
    return {
      sourcedId,
      status: 'active',
      dateLastModified: dayTimestamp(this.history.log.get(sourcedId)?.createdDay ?? 0),
      raw: {},
      classSourcedId: this.codec.encode('class', classIndex),
      schoolSourcedId: this.codec.encode('school', school),
      userSourcedId,
      role: member >= studentMemberOffset ? 'student' : 'teacher',
      primary: member === primaryTeacherMember,
      beginDate: dates.startDate,
      endDate: dates.endDate,
    };
  }

  private staffUser(fields: {
    sourcedId: string;
    role: User['role'];
    orgSourcedIds: string[];
    givenName: string;
    familyName: string;
    username: string;
    identifier: string;
    email: string;
    phone?: string;
  }): User {
    const { phone, ...rest } = fields;
    return {
      status: 'active',
      dateLastModified: dayTimestamp(0),
      raw: {},
      enabledUser: true,
      ...rest,
      userIds: [{ type: 'SIS', identifier: fields.identifier }],
      ...(phone ? { phone } : {}),
      agentSourcedIds: [],
      grades: [],
    };
  }
}

/** The day-1 family name of a student, without building the whole record. */
function createRandomFamilyName(seedHash: number, student: number): string {
  const random = createRandom(hashNumbers(seedHash, recordKindCodes.student, student));
  random.next();
  return random.pick(familyNames);
}

function termIndices(term: 'year' | 'fall' | 'spring'): number[] {
  return term === 'year' ? [1, 2] : term === 'fall' ? [1] : [2];
}

function termDates(term: 'year' | 'fall' | 'spring'): { startDate: string; endDate: string } {
  const [year, fall, spring] = schoolYear.sessions;
  const session = term === 'year' ? year : term === 'fall' ? fall : spring;
  return { startDate: session.startDate, endDate: session.endDate };
}

/** A username stem from a name, falling back to a role letter for names in non-Latin scripts. */
/**
 * The start of a username; the caller appends the person's index. The role letter keeps a teacher and an
 * aide who share a name and an index from sharing an email address: they are different people.
 */
function userSlug(givenName: string, familyName: string, roleLetter: string): string {
  const given = asciiSlug(givenName).toLowerCase();
  const family = asciiSlug(familyName).toLowerCase();
  const name = given && family ? `${given}.${family}` : given || family || 'user';
  return `${name}.${roleLetter}`;
}

/** Real districts send emails in any case: lower, Title.Case, or with an upper-case domain. */
function mixedCaseEmail(username: string, domain: string, style: number): string {
  if (style === 0) return `${username}@${domain}`;
  const titled = username
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('.');
  return style === 1 ? `${titled}@${domain}` : `${username}@${domain.toUpperCase()}`;
}
