import type { DistrictLayout } from './district-layout.js';
import { gradesByBand } from './district-layout.js';
import { createRandom, hashNumbers, type Random } from './random.js';

const dayEditsSalt = 99;

import type { SourcedIdCodec } from './sourced-id.js';

/** Which entities change from day to day (orgs, sessions and courses stay as they are). */
export type ChangingEntity = 'users' | 'classes' | 'enrollments';

/**
 * The life of one record that changed at some point: created on `createdDay` (0 for day-1 records),
 * removed on `removedDay`, last modified on `modifiedDay`. Records never change back, so these three
 * days say exactly which records differ between any two days.
 */
export interface ChangeEntry {
  entity: ChangingEntity;
  createdDay: number;
  removedDay?: number;
  modifiedDay?: number;
}

/** What changed about a student since day 1. `email: null` means the student has no email any more. */
export interface StudentOverride {
  familyName?: string;
  grade?: string;
  email?: string | null;
  school?: number;
  /** Names and grades the student has had, so a change never goes back to one of them. */
  pastValues?: string[];
}

/** A student who arrived after day 1. */
export interface ArrivedStudent {
  school: number;
  grade: string;
  day: number;
}

/** Teacher member numbers inside an enrollment index; students are `studentMemberOffset + student`. */
export const primaryTeacherMember = 0;
export const coTeacherMember = 1;
export const studentMemberOffset = 2;

/** Enrollment index of a class member: the class in the high part, the member in the low 32 bits. */
export function enrollmentIndex(classIndex: number, member: number): number {
  return classIndex * 0x100000000 + member;
}

export function splitEnrollmentIndex(index: number): { classIndex: number; member: number } {
  return { classIndex: Math.floor(index / 0x100000000), member: index % 0x100000000 };
}

/** New family names students take when they change name. */
const newFamilyNames = ['Fernández', "O'Connor", 'Schäfer', 'Lefèvre', 'Чернова', 'Takahashi', 'Ng'] as const;

/**
 * Every change made to a district between day 1 and `day`, replayed from a per-day seeded edit list.
 * Day N is therefore a pure function of (seed, size, N), and the record streams stay streams: they read
 * the day-1 layout by index and consult the (small) sets below as they go.
 */
export class DistrictHistory {
  /** Changed records by sourcedId. */
  readonly log = new Map<string, ChangeEntry>();
  readonly removedStudents = new Set<number>();
  readonly removedGuardians = new Set<number>();
  readonly arrivals: ArrivedStudent[] = [];
  readonly overrides = new Map<number, StudentOverride>();
  readonly droppedClasses = new Set<number>();
  /** Enrollment indices of memberships removed (day-1 or added ones). */
  readonly removedMembers = new Set<number>();
  /** Students added to a class after day 1, ascending. */
  readonly addedStudentsOfClass = new Map<number, number[]>();
  readonly addedClassesOfStudent = new Map<number, number[]>();
  /** Enrollment indices that were ever added or removed (a fast form of the log's enrollment keys). */
  private readonly changedMembers = new Set<number>();

  constructor(
    private readonly layout: DistrictLayout,
    private readonly codec: SourcedIdCodec,
    readonly day: number,
  ) {
    for (let editedDay = 2; editedDay <= day; editedDay++) this.applyDay(editedDay);
  }

  /** Students ever created (day-1 ones and arrivals), i.e. the exclusive upper bound of student indices. */
  get studentIndexEnd(): number {
    return this.layout.counts.students + this.arrivals.length;
  }

  isStudentPresent(student: number): boolean {
    return student >= 0 && student < this.studentIndexEnd && !this.removedStudents.has(student);
  }

  schoolOfStudent(student: number): number {
    const override = this.overrides.get(student)?.school;
    if (override !== undefined) return override;
    if (student < this.layout.counts.students) return this.layout.baseSchoolOfStudent(student);
    return (this.arrivals[student - this.layout.counts.students] as ArrivedStudent).school;
  }

  /** The classes a student attends today, ascending. */
  classesOfStudent(student: number): number[] {
    const base = student < this.layout.counts.students ? this.layout.baseClassesOfStudent(student) : [];
    const all = [...base, ...(this.addedClassesOfStudent.get(student) ?? [])];
    return all
      .filter((classIndex) => this.isMember(classIndex, studentMemberOffset + student))
      .sort((left, right) => left - right);
  }

  /** The students of a class today, ascending. */
  *studentsOfClass(classIndex: number): Generator<number> {
    if (this.droppedClasses.has(classIndex)) return;
    const added = this.addedStudentsOfClass.get(classIndex) ?? [];
    let addedPosition = 0;
    for (const student of this.layout.baseStudentsOfClass(classIndex)) {
      while (addedPosition < added.length && (added[addedPosition] as number) < student) {
        const extra = added[addedPosition++] as number;
        if (this.isMember(classIndex, studentMemberOffset + extra)) yield extra;
      }
      if (this.isMember(classIndex, studentMemberOffset + student)) yield student;
    }
    while (addedPosition < added.length) {
      const extra = added[addedPosition++] as number;
      if (this.isMember(classIndex, studentMemberOffset + extra)) yield extra;
    }
  }

  private isMember(classIndex: number, member: number): boolean {
    return (
      !this.droppedClasses.has(classIndex) && !this.removedMembers.has(enrollmentIndex(classIndex, member))
    );
  }

  private applyDay(day: number): void {
    const random = createRandom(hashNumbers(this.layout.seedHash, dayEditsSalt, day));
    const students = this.layout.counts.students;
    const scaled = (share: number) => Math.max(1, Math.round(students * share));
    for (let count = scaled(0.002); count > 0; count--) this.studentLeaves(random, day);
    for (let count = scaled(0.002); count > 0; count--) this.studentArrives(random, day);
    for (let count = scaled(0.005); count > 0; count--) this.studentDetailsChange(random, day);
    this.classIsDropped(random, day);
    for (let count = scaled(0.002); count > 0; count--) this.enrollmentMoves(random, day);
    this.studentChangesSchool(random, day);
  }

  /** A random student present today, or `undefined` after a few misses. */
  private pickPresentStudent(random: Random, accept: (student: number) => boolean = () => true) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const student = random.integer(this.studentIndexEnd);
      if (this.isStudentPresent(student) && accept(student)) return student;
    }
    return undefined;
  }

  private studentLeaves(random: Random, day: number): void {
    const student = this.pickPresentStudent(random);
    if (student === undefined) return;
    for (const classIndex of this.classesOfStudent(student)) {
      this.removeMember(classIndex, studentMemberOffset + student, day);
    }
    this.removedStudents.add(student);
    this.markRemoved('users', this.codec.encode('student', student), day);
    for (const guardian of this.layout.guardiansOfStudent(student)) {
      this.removedGuardians.add(guardian);
      this.markRemoved('users', this.codec.encode('guardian', guardian), day);
    }
  }

  private studentArrives(random: Random, day: number): void {
    const school = random.integer(this.layout.counts.schools);
    const grades = gradesByBand[this.layout.bandOfSchool(school)];
    const student = this.studentIndexEnd;
    this.arrivals.push({ school, grade: random.pick(grades), day });
    this.log.set(this.codec.encode('student', student), { entity: 'users', createdDay: day });
    this.enrollInSchool(random, student, school, day);
  }

  /**
   * A name, grade or email change. A student never gets back a value they had before, so a record that
   * was modified always differs from every earlier day's version of it.
   */
  private studentDetailsChange(random: Random, day: number): void {
    const student = this.pickPresentStudent(random);
    if (student === undefined) return;
    const override: StudentOverride = { ...this.overrides.get(student) };
    const pastValues = new Set(override.pastValues);
    pastValues.add(`grade:${this.gradeOfStudent(student)}`);
    const change = random.integer(3);
    const freshFamilyNames = newFamilyNames.filter((name) => !pastValues.has(`family:${name}`));
    const grades = gradesByBand[this.layout.bandOfSchool(this.schoolOfStudent(student))];
    const freshGrades = grades.filter((grade) => !pastValues.has(`grade:${grade}`));
    if (change === 0 && freshFamilyNames.length > 0) {
      override.familyName = random.pick(freshFamilyNames);
      pastValues.add(`family:${override.familyName}`);
    } else if (change === 1 && freshGrades.length > 0) {
      override.grade = random.pick(freshGrades);
      pastValues.add(`grade:${override.grade}`);
    } else {
      // A new address (unique by day), or a first address for a student without one.
      override.email = `Student.${student}.D${day}@Mail.Example.org`;
      if (random.next() < 0.5) override.email = override.email.toLowerCase();
    }
    override.pastValues = [...pastValues];
    this.overrides.set(student, override);
    this.markModified('users', this.codec.encode('student', student), day);
  }

  /** A student's grade today. */
  gradeOfStudent(student: number): string {
    const override = this.overrides.get(student)?.grade;
    if (override !== undefined) return override;
    if (student < this.layout.counts.students) return this.layout.baseGradeOfStudent(student);
    return (this.arrivals[student - this.layout.counts.students] as ArrivedStudent).grade;
  }

  private classIsDropped(random: Random, day: number): void {
    for (let attempt = 0; attempt < 20; attempt++) {
      const classIndex = random.integer(this.layout.counts.classes);
      if (this.droppedClasses.has(classIndex)) continue;
      for (const student of [...this.studentsOfClass(classIndex)]) {
        this.removeMember(classIndex, studentMemberOffset + student, day);
      }
      this.removeMember(classIndex, primaryTeacherMember, day);
      if (this.layout.coTeacherOfClass(classIndex) !== undefined) {
        this.removeMember(classIndex, coTeacherMember, day);
      }
      this.droppedClasses.add(classIndex);
      this.markRemoved('classes', this.codec.encode('class', classIndex), day);
      return;
    }
  }

  private enrollmentMoves(random: Random, day: number): void {
    const student = this.pickPresentStudent(random);
    if (student === undefined) return;
    const classes = this.classesOfStudent(student);
    if (classes.length === 0) return;
    const from = random.pick(classes);
    const school = this.layout.schoolOfClass(from);
    const candidates = this.layout
      .classesOfPeriod(school, this.layout.periodOfClass(from))
      .filter((classIndex) => classIndex !== from && this.canJoin(classIndex, student));
    if (candidates.length === 0) return;
    this.removeMember(from, studentMemberOffset + student, day);
    this.addMember(random.pick(candidates), student, day);
  }

  private studentChangesSchool(random: Random, day: number): void {
    const schools = this.layout.counts.schools;
    if (schools < 2) return;
    const student = this.pickPresentStudent(
      random,
      (candidate) => this.overrides.get(candidate)?.school === undefined,
    );
    if (student === undefined) return;
    const from = this.schoolOfStudent(student);
    const to = (from + 1 + random.integer(schools - 1)) % schools;
    for (const classIndex of this.classesOfStudent(student)) {
      this.removeMember(classIndex, studentMemberOffset + student, day);
    }
    const override: StudentOverride = { ...this.overrides.get(student), school: to };
    const pastValues = new Set(override.pastValues);
    pastValues.add(`grade:${this.gradeOfStudent(student)}`);
    override.grade = random.pick(gradesByBand[this.layout.bandOfSchool(to)]);
    pastValues.add(`grade:${override.grade}`);
    override.pastValues = [...pastValues];
    this.overrides.set(student, override);
    this.markModified('users', this.codec.encode('student', student), day);
    this.enrollInSchool(random, student, to, day);
  }

  /** Enrolls a student in one open class of each period they attend in a school. */
  private enrollInSchool(random: Random, student: number, school: number, day: number): void {
    const periods = this.layout.periodsOfSchool(school);
    for (let period = 0; period < periods; period++) {
      if (!this.layout.attendsPeriod(student, period, periods)) continue;
      const open = this.layout
        .classesOfPeriod(school, period)
        .filter((classIndex) => this.canJoin(classIndex, student));
      if (open.length > 0) this.addMember(random.pick(open), student, day);
    }
  }

  /** A class a student may join: still running, and not one they were in before (ids never come back). */
  private canJoin(classIndex: number, student: number): boolean {
    if (this.droppedClasses.has(classIndex)) return false;
    return !this.changedMembers.has(enrollmentIndex(classIndex, studentMemberOffset + student));
  }

  private addMember(classIndex: number, student: number, day: number): void {
    const added = this.addedStudentsOfClass.get(classIndex) ?? [];
    const position = added.findIndex((existing) => existing > student);
    added.splice(position === -1 ? added.length : position, 0, student);
    this.addedStudentsOfClass.set(classIndex, added);
    const classes = this.addedClassesOfStudent.get(student) ?? [];
    classes.push(classIndex);
    this.addedClassesOfStudent.set(student, classes);
    const index = enrollmentIndex(classIndex, studentMemberOffset + student);
    this.changedMembers.add(index);
    this.log.set(this.codec.encode('enrollment', index), { entity: 'enrollments', createdDay: day });
  }

  private removeMember(classIndex: number, member: number, day: number): void {
    const index = enrollmentIndex(classIndex, member);
    this.removedMembers.add(index);
    this.changedMembers.add(index);
    this.markRemoved('enrollments', this.codec.encode('enrollment', index), day);
  }

  private markRemoved(entity: ChangingEntity, sourcedId: string, day: number): void {
    const entry = this.log.get(sourcedId) ?? { entity, createdDay: 0 };
    entry.removedDay = day;
    this.log.set(sourcedId, entry);
  }

  private markModified(entity: ChangingEntity, sourcedId: string, day: number): void {
    const entry = this.log.get(sourcedId) ?? { entity, createdDay: 0 };
    entry.modifiedDay = day;
    this.log.set(sourcedId, entry);
  }
}
