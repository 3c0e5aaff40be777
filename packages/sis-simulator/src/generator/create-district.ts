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
import { changesBetweenDays, type DistrictChanges } from './district-changes.js';
import {
  type DistrictCounts,
  type DistrictCountsInput,
  type DistrictSizeName,
  resolveDistrictCounts,
} from './district-counts.js';
import type { DistrictGroundTruth } from './district-ground-truth.js';
import {
  coTeacherMember,
  DistrictHistory,
  enrollmentIndex,
  primaryTeacherMember,
  splitEnrollmentIndex,
  studentMemberOffset,
} from './district-history.js';
import { DistrictLayout } from './district-layout.js';
import { academicSessionCount, DistrictRecords } from './district-records.js';
import { hashText } from './random.js';
import { dayTimestamp } from './school-calendar.js';
import { createSourcedIdCodec, type SourcedIdCodec } from './sourced-id.js';

export type { DistrictCounts, DistrictCountsInput, DistrictSizeName } from './district-counts.js';

/** Options of {@link createDistrict}. */
export interface CreateDistrictOptions {
  /** Any number or text; the same seed, size and day always give the same district. */
  seed: number | string;
  /** A named size or explicit counts (`courses` may be left out). */
  size: DistrictSizeName | DistrictCountsInput;
  /** The simulated day, from 1 (default 1). Day N includes every change of days 2…N. */
  day?: number;
}

/** The records of each entity, as iterables. */
export type DistrictRecordStreams = { [Entity in RosterEntity]: Iterable<RosterRecordByEntity[Entity]> };

/**
 * A deterministic fake district on one day. Every method that returns an iterable returns a fresh
 * generator over normalized records (valid against the `@aivo/connector-sdk` schemas, `status: 'active'`,
 * `raw: {}`), in ascending sourcedId order. Nothing large is held in memory: records are built as they
 * are read.
 */
export interface SimulatedDistrict {
  readonly seed: number | string;
  readonly day: number;
  readonly counts: DistrictCounts;
  readonly districtSourcedId: string;
  readonly districtName: string;
  /** When this day's state is published, e.g. `2025-09-02T06:00:00.000Z` for day 2. */
  readonly snapshotTime: string;
  /** The district first, then its schools. */
  orgs(): Iterable<Org>;
  /** The school year and its two semesters. */
  academicSessions(): Iterable<AcademicSession>;
  courses(): Iterable<Course>;
  classes(): Iterable<RosterClass>;
  /** Students, teachers, administrators, aides, then guardians. */
  users(): Iterable<User>;
  /** Grouped by class: the primary teacher, the second teacher if any, then the students. */
  enrollments(): Iterable<Enrollment>;
  /** The enrollments of one class (empty for an unknown or dropped class). */
  classEnrollments(classSourcedId: string): Iterable<Enrollment>;
  /** The iterable of one entity. */
  records<Entity extends RosterEntity>(entity: Entity): Iterable<RosterRecordByEntity[Entity]>;
  /** One record by id, or `undefined` when it does not exist on this day. */
  findRecord<Entity extends RosterEntity>(
    entity: Entity,
    sourcedId: string,
  ): RosterRecordByEntity[Entity] | undefined;
  groundTruth(): DistrictGroundTruth;
  /** Teachers who are also school staff (served by Clever as multi-role users). */
  multiRoleTeacherIds(): Set<string>;
  /** The same district one day later. */
  nextDay(): SimulatedDistrict;
  /** What changed since an earlier day of the same district. */
  changesSince(previous: SimulatedDistrict): DistrictChanges;
  /**
   * A OneRoster delta since `previous`: created and updated records as they are now (`active`), removed
   * ones as they were, with `status: 'tobedeleted'` and the removal time as `dateLastModified`.
   */
  deltaRecords(previous: SimulatedDistrict): DistrictRecordStreams;
}

/**
 * Creates a deterministic simulated district.
 *
 * @example
 * const district = createDistrict({ seed: 42, size: 'tiny' });
 * for (const user of district.users()) console.log(user.role, user.givenName);
 * const tomorrow = district.nextDay();
 * console.log(tomorrow.changesSince(district).users.counts);
 */
export function createDistrict(options: CreateDistrictOptions): SimulatedDistrict {
  const day = options.day ?? 1;
  if (!Number.isSafeInteger(day) || day < 1) {
    throw new RangeError(`The simulated day must be a whole number from 1 (got ${options.day}).`);
  }
  if (typeof options.seed !== 'string' && !Number.isFinite(options.seed)) {
    throw new RangeError(`The seed must be a finite number or a text (got ${options.seed}).`);
  }
  return new SimulatedDistrictOnDay(options.seed, resolveDistrictCounts(options.size), day);
}

class SimulatedDistrictOnDay implements SimulatedDistrict {
  readonly districtSourcedId: string;
  readonly districtName: string;
  readonly snapshotTime: string;
  private readonly codec: SourcedIdCodec;
  private readonly layout: DistrictLayout;
  readonly history: DistrictHistory;
  private readonly build: DistrictRecords;

  constructor(
    readonly seed: number | string,
    readonly counts: DistrictCounts,
    readonly day: number,
  ) {
    this.codec = createSourcedIdCodec(seed);
    this.layout = new DistrictLayout(counts, hashText(`layout:${String(seed)}`));
    this.history = new DistrictHistory(this.layout, this.codec, day);
    this.build = new DistrictRecords(this.layout, this.history, this.codec);
    this.districtSourcedId = this.build.districtSourcedId;
    this.districtName = this.build.districtName;
    this.snapshotTime = dayTimestamp(day);
  }

  *orgs(): Generator<Org> {
    yield this.build.district();
    for (let school = 0; school < this.counts.schools; school++) yield this.build.school(school);
  }

  *academicSessions(): Generator<AcademicSession> {
    for (let index = 0; index < academicSessionCount; index++) yield this.build.academicSession(index);
  }

  *courses(): Generator<Course> {
    for (let course = 0; course < this.counts.courses; course++) yield this.build.course(course);
  }

  *classes(): Generator<RosterClass> {
    for (let classIndex = 0; classIndex < this.counts.classes; classIndex++) {
      if (!this.history.droppedClasses.has(classIndex)) yield this.build.rosterClass(classIndex);
    }
  }

  *users(): Generator<User> {
    for (let student = 0; student < this.history.studentIndexEnd; student++) {
      if (!this.history.removedStudents.has(student)) yield this.build.student(student);
    }
    for (let teacher = 0; teacher < this.counts.teachers; teacher++) yield this.build.teacher(teacher);
    for (let index = 0; index < this.counts.administrators; index++) yield this.build.administrator(index);
    for (let aide = 0; aide < this.counts.aides; aide++) yield this.build.aide(aide);
    for (let guardian = 0; guardian < this.counts.guardians; guardian++) {
      if (!this.history.removedGuardians.has(guardian)) yield this.build.guardian(guardian);
    }
  }

  *enrollments(): Generator<Enrollment> {
    for (let classIndex = 0; classIndex < this.counts.classes; classIndex++) {
      yield* this.enrollmentsOfClass(classIndex);
    }
  }

  *classEnrollments(classSourcedId: string): Generator<Enrollment> {
    const decoded = this.codec.decode(classSourcedId);
    if (decoded?.kind !== 'class' || decoded.index >= this.counts.classes) return;
    yield* this.enrollmentsOfClass(decoded.index);
  }

  records<Entity extends RosterEntity>(entity: Entity): Iterable<RosterRecordByEntity[Entity]> {
    const streams: DistrictRecordStreams = {
      orgs: { [Symbol.iterator]: () => this.orgs() },
      academicSessions: { [Symbol.iterator]: () => this.academicSessions() },
      courses: { [Symbol.iterator]: () => this.courses() },
      classes: { [Symbol.iterator]: () => this.classes() },
      users: { [Symbol.iterator]: () => this.users() },
      enrollments: { [Symbol.iterator]: () => this.enrollments() },
    };
    return streams[entity];
  }

  findRecord<Entity extends RosterEntity>(
    entity: Entity,
    sourcedId: string,
  ): RosterRecordByEntity[Entity] | undefined {
    return this.findAnyRecord(entity, sourcedId) as RosterRecordByEntity[Entity] | undefined;
  }

  groundTruth(): DistrictGroundTruth {
    const history = this.history;
    let students = 0;
    let studentsWithoutEmail = 0;
    let studentEnrollments = 0;
    for (let student = 0; student < history.studentIndexEnd; student++) {
      if (history.removedStudents.has(student)) continue;
      students++;
      if (!this.build.studentHasEmail(student)) studentsWithoutEmail++;
      studentEnrollments += history.classesOfStudent(student).length;
    }
    let classes = 0;
    let classesWithSecondTeacher = 0;
    for (let classIndex = 0; classIndex < this.counts.classes; classIndex++) {
      if (history.droppedClasses.has(classIndex)) continue;
      classes++;
      if (this.layout.coTeacherOfClass(classIndex) !== undefined) classesWithSecondTeacher++;
    }
    let teachersInTwoSchools = 0;
    for (let teacher = 0; teacher < this.counts.teachers; teacher++) {
      if (this.layout.schoolsOfTeacher(teacher).length === 2) teachersInTwoSchools++;
    }
    const usersByRole = {
      student: students,
      teacher: this.counts.teachers,
      administrator: this.counts.administrators,
      aide: this.counts.aides,
      guardian: this.counts.guardians - history.removedGuardians.size,
    };
    const teacherEnrollments = classes + classesWithSecondTeacher;
    return {
      seed: this.seed,
      day: this.day,
      counts: { ...this.counts },
      records: {
        orgs: 1 + this.counts.schools,
        academicSessions: academicSessionCount,
        courses: this.counts.courses,
        classes,
        users: Object.values(usersByRole).reduce((sum, count) => sum + count, 0),
        enrollments: studentEnrollments + teacherEnrollments,
      },
      usersByRole,
      enrollmentsByRole: { student: studentEnrollments, teacher: teacherEnrollments },
      primaryTeacherEnrollments: classes,
      classesWithSecondTeacher,
      studentsWithoutEmail,
      teachersInTwoSchools,
      multiRoleTeacherIds: [...this.multiRoleTeacherIds()],
    };
  }

  multiRoleTeacherIds(): Set<string> {
    const ids = new Set<string>();
    for (let teacher = 0; teacher < this.counts.teachers; teacher++) {
      if (this.layout.isMultiRoleTeacher(teacher)) ids.add(this.codec.encode('teacher', teacher));
    }
    return ids;
  }

  nextDay(): SimulatedDistrict {
    return new SimulatedDistrictOnDay(this.seed, this.counts, this.day + 1);
  }

  changesSince(previous: SimulatedDistrict): DistrictChanges {
    this.checkEarlierDay(previous);
    return changesBetweenDays(this.history.log, previous.day, this.day);
  }

  deltaRecords(previous: SimulatedDistrict): DistrictRecordStreams {
    const changes = this.changesSince(previous);
    const delta = <Entity extends RosterEntity>(entity: Entity): Iterable<RosterRecordByEntity[Entity]> => ({
      [Symbol.iterator]: () => this.deltaOfEntity(entity, changes, previous),
    });
    return {
      orgs: delta('orgs'),
      academicSessions: delta('academicSessions'),
      courses: delta('courses'),
      classes: delta('classes'),
      users: delta('users'),
      enrollments: delta('enrollments'),
    };
  }

  private *deltaOfEntity<Entity extends RosterEntity>(
    entity: Entity,
    changes: DistrictChanges,
    previous: SimulatedDistrict,
  ): Generator<RosterRecordByEntity[Entity]> {
    const { created, updated, deleted } = changes[entity];
    const removed = new Set(deleted);
    const ids = [...created, ...updated, ...deleted].sort();
    for (const sourcedId of ids) {
      if (removed.has(sourcedId)) {
        const record = previous.findRecord(entity, sourcedId);
        const removedDay = this.history.log.get(sourcedId)?.removedDay ?? this.day;
        if (record) yield { ...record, status: 'tobedeleted', dateLastModified: dayTimestamp(removedDay) };
      } else {
        const record = this.findRecord(entity, sourcedId);
        if (record) yield record;
      }
    }
  }

  private checkEarlierDay(previous: SimulatedDistrict): void {
    const sameDistrict =
      previous instanceof SimulatedDistrictOnDay &&
      previous.codec.prefix === this.codec.prefix &&
      String(previous.seed) === String(this.seed) &&
      JSON.stringify(previous.counts) === JSON.stringify(this.counts);
    if (!sameDistrict) {
      throw new RangeError('changesSince/deltaRecords need an earlier day of the same seed and size.');
    }
    if (previous.day > this.day) {
      throw new RangeError(
        `changesSince/deltaRecords need an earlier day: got day ${previous.day}, this is day ${this.day}.`,
      );
    }
  }

  private *enrollmentsOfClass(classIndex: number): Generator<Enrollment> {
    if (this.history.droppedClasses.has(classIndex)) return;
    yield this.build.enrollment(classIndex, primaryTeacherMember);
    if (this.layout.coTeacherOfClass(classIndex) !== undefined) {
      yield this.build.enrollment(classIndex, coTeacherMember);
    }
    for (const student of this.history.studentsOfClass(classIndex)) {
      yield this.build.enrollment(classIndex, studentMemberOffset + student);
    }
  }

  private findAnyRecord(
    entity: RosterEntity,
    sourcedId: string,
  ): RosterRecordByEntity[RosterEntity] | undefined {
    const decoded = this.codec.decode(sourcedId);
    if (!decoded) return undefined;
    const { kind, index } = decoded;
    const counts = this.counts;
    switch (entity) {
      case 'orgs':
        if (kind === 'district' && index === 0) return this.build.district();
        if (kind === 'school' && index < counts.schools) return this.build.school(index);
        return undefined;
      case 'academicSessions':
        return kind === 'academicSession' && index < academicSessionCount
          ? this.build.academicSession(index)
          : undefined;
      case 'courses':
        return kind === 'course' && index < counts.courses ? this.build.course(index) : undefined;
      case 'classes':
        return kind === 'class' && index < counts.classes && !this.history.droppedClasses.has(index)
          ? this.build.rosterClass(index)
          : undefined;
      case 'users':
        return this.findUser(kind, index);
      case 'enrollments':
        return kind === 'enrollment' && this.hasEnrollment(index)
          ? this.build.enrollment(splitEnrollmentIndex(index).classIndex, splitEnrollmentIndex(index).member)
          : undefined;
    }
  }

  private findUser(kind: string, index: number): User | undefined {
    const counts = this.counts;
    if (kind === 'student')
      return this.history.isStudentPresent(index) ? this.build.student(index) : undefined;
    if (kind === 'teacher') return index < counts.teachers ? this.build.teacher(index) : undefined;
    if (kind === 'administrator') {
      return index < counts.administrators ? this.build.administrator(index) : undefined;
    }
    if (kind === 'aide') return index < counts.aides ? this.build.aide(index) : undefined;
    if (kind === 'guardian') {
      return index < counts.guardians && !this.history.removedGuardians.has(index)
        ? this.build.guardian(index)
        : undefined;
    }
    return undefined;
  }

  private hasEnrollment(index: number): boolean {
    const { classIndex, member } = splitEnrollmentIndex(index);
    if (classIndex >= this.counts.classes || this.history.droppedClasses.has(classIndex)) return false;
    if (this.history.removedMembers.has(enrollmentIndex(classIndex, member))) return false;
    if (member === primaryTeacherMember) return true;
    if (member === coTeacherMember) return this.layout.coTeacherOfClass(classIndex) !== undefined;
    const student = member - studentMemberOffset;
    return (
      this.history.isStudentPresent(student) && this.history.classesOfStudent(student).includes(classIndex)
    );
  }
}
