import type { DistrictCounts } from './district-counts.js';
import { hashFraction, hashNumbers } from './random.js';

/** The grade levels taught by each kind of school, as CEDS codes. */
export const gradesByBand = [
  ['09', '10', '11', '12'],
  ['06', '07', '08'],
  ['KG', '01', '02', '03', '04', '05'],
] as const;

/** 0: high school, 1: middle school, 2: elementary school. */
export type SchoolBand = 0 | 1 | 2;

/** How many class periods a school's day has; each student takes 5 to 8 of them. */
const periodsPerDay = 8;

/** Salts that keep the hashes of different decisions independent. */
const salt = {
  schoolWeight: 11,
  periodShift: 12,
  classLoad: 13,
  periodOffset: 14,
  course: 15,
  term: 16,
  coTeacher: 17,
  studentGrade: 18,
} as const;

/** Which semesters a class runs in. */
export type ClassTerm = 'year' | 'fall' | 'spring';

/**
 * The arithmetic skeleton of a district on day 1: which school, teacher, course and students each class
 * has, computed from indices alone so that nothing needs to be held in memory. Students, teachers and
 * classes are split into contiguous index ranges per school; classes are spread over eight periods, and a
 * student attends one class in each of their 5–8 periods, so the students of a class and the classes of
 * a student can both be enumerated on demand.
 */
export class DistrictLayout {
  readonly studentStart: number[];
  readonly teacherStart: number[];
  readonly classStart: number[];

  constructor(
    readonly counts: DistrictCounts,
    readonly seedHash: number,
  ) {
    const weights = Array.from(
      { length: counts.schools },
      (_, school) => 0.6 + 0.8 * hashFraction(seedHash, salt.schoolWeight, school),
    );
    this.studentStart = splitByWeights(counts.students, weights);
    this.teacherStart = splitByWeights(counts.teachers, weights);
    this.classStart = splitByWeights(counts.classes, weights);
  }

  /** The kind of school: high, middle or elementary, in turn. */
  bandOfSchool(school: number): SchoolBand {
    return (school % 3) as SchoolBand;
  }

  /** The school a day-1 student attends. */
  baseSchoolOfStudent(student: number): number {
    return findRange(this.studentStart, student);
  }

  schoolOfClass(classIndex: number): number {
    return findRange(this.classStart, classIndex);
  }

  schoolOfTeacher(teacher: number): number {
    return findRange(this.teacherStart, teacher);
  }

  /** A day-1 student's grade, from their school's grades. */
  baseGradeOfStudent(student: number): string {
    const grades = gradesByBand[this.bandOfSchool(this.baseSchoolOfStudent(student))];
    return grades[hashNumbers(this.seedHash, salt.studentGrade, student) % grades.length] as string;
  }

  periodsOfSchool(school: number): number {
    return Math.min(periodsPerDay, this.classCountOfSchool(school));
  }

  classCountOfSchool(school: number): number {
    return (this.classStart[school + 1] as number) - (this.classStart[school] as number);
  }

  /** The period (0-based) a class meets in. */
  periodOfClass(classIndex: number): number {
    const school = this.schoolOfClass(classIndex);
    return (classIndex - (this.classStart[school] as number)) % this.periodsOfSchool(school);
  }

  /** The classes of a school that meet in one period. */
  classesOfPeriod(school: number, period: number): number[] {
    const periods = this.periodsOfSchool(school);
    const first = this.classStart[school] as number;
    const classes: number[] = [];
    for (let local = period; local < this.classCountOfSchool(school); local += periods) {
      classes.push(first + local);
    }
    return classes;
  }

  /** Whether a student (day-1 or arrived later) attends a class in `period` of a school with `periods`. */
  attendsPeriod(student: number, period: number, periods: number): boolean {
    const load = Math.min(periods, 5 + (hashNumbers(this.seedHash, salt.classLoad, student) % 4));
    const offset = hashNumbers(this.seedHash, salt.periodOffset, student) % periods;
    return (period - offset + periods) % periods < load;
  }

  /** The classes a day-1 student attends on day 1, in period order. */
  baseClassesOfStudent(student: number): number[] {
    const school = this.baseSchoolOfStudent(student);
    const periods = this.periodsOfSchool(school);
    const local = student - (this.studentStart[school] as number);
    const classes: number[] = [];
    for (let period = 0; period < periods; period++) {
      if (!this.attendsPeriod(student, period, periods)) continue;
      const sections = this.sectionsOfPeriod(school, period);
      const position = (local + this.periodShift(school, period, sections)) % sections;
      classes.push((this.classStart[school] as number) + position * periods + period);
    }
    return classes;
  }

  /** The day-1 students of a class, in ascending index order. */
  *baseStudentsOfClass(classIndex: number): Generator<number> {
    const school = this.schoolOfClass(classIndex);
    const periods = this.periodsOfSchool(school);
    const localClass = classIndex - (this.classStart[school] as number);
    const period = localClass % periods;
    const position = Math.floor(localClass / periods);
    const sections = this.sectionsOfPeriod(school, period);
    const first = this.studentStart[school] as number;
    const studentsInSchool = (this.studentStart[school + 1] as number) - first;
    const firstLocal =
      (((position - this.periodShift(school, period, sections)) % sections) + sections) % sections;
    for (let local = firstLocal; local < studentsInSchool; local += sections) {
      if (this.attendsPeriod(first + local, period, periods)) yield first + local;
    }
  }

  /** The course a class is a section of: one of its school band's courses. */
  courseOfClass(classIndex: number): number {
    const band = this.bandOfSchool(this.schoolOfClass(classIndex));
    const courses = this.counts.courses;
    const coursesOfBand = band < courses ? Math.floor((courses - 1 - band) / 3) + 1 : 0;
    const pick = hashNumbers(this.seedHash, salt.course, classIndex);
    return coursesOfBand === 0 ? pick % courses : band + 3 * (pick % coursesOfBand);
  }

  /** The school band a course is for (courses take turns: high, middle, elementary). */
  bandOfCourse(course: number): SchoolBand {
    return (course % 3) as SchoolBand;
  }

  termOfClass(classIndex: number): ClassTerm {
    const fraction = hashFraction(this.seedHash, salt.term, classIndex);
    return fraction < 0.6 ? 'year' : fraction < 0.8 ? 'fall' : 'spring';
  }

  primaryTeacherOfClass(classIndex: number): number {
    const school = this.schoolOfClass(classIndex);
    const first = this.teacherStart[school] as number;
    const teachers = (this.teacherStart[school + 1] as number) - first;
    return first + ((classIndex - (this.classStart[school] as number)) % teachers);
  }

  /**
   * The second, non-primary teacher of about one class in five: a colleague of the same school or, for
   * odd classes, a teacher shared with the previous school (so some teachers work in two schools).
   */
  coTeacherOfClass(classIndex: number): number | undefined {
    if (hashFraction(this.seedHash, salt.coTeacher, classIndex) >= 0.2) return undefined;
    const school = this.schoolOfClass(classIndex);
    const local = classIndex - (this.classStart[school] as number);
    const previousSchool = (school - 1 + this.counts.schools) % this.counts.schools;
    const sharedTeachers = this.sharedTeacherCount(previousSchool);
    if (this.counts.schools > 1 && sharedTeachers > 0 && local % 2 === 1) {
      const pick = hashNumbers(this.seedHash, salt.coTeacher, classIndex, 1) % sharedTeachers;
      return (this.teacherStart[previousSchool] as number) + 2 + 7 * pick;
    }
    const first = this.teacherStart[school] as number;
    const teachers = (this.teacherStart[school + 1] as number) - first;
    return teachers >= 2 ? first + ((local + 1) % teachers) : undefined;
  }

  /** The schools a teacher works in: their own, and the next one for every seventh teacher. */
  schoolsOfTeacher(teacher: number): number[] {
    const school = this.schoolOfTeacher(teacher);
    const local = teacher - (this.teacherStart[school] as number);
    if (this.counts.schools > 1 && local % 7 === 2) return [school, (school + 1) % this.counts.schools];
    return [school];
  }

  /** Teachers who are also school staff (Clever serves them as one user with two roles). */
  isMultiRoleTeacher(teacher: number): boolean {
    return teacher % 40 === 1;
  }

  /** The student a guardian is linked to (guardians of a student share `student mod students`). */
  studentOfGuardian(guardian: number): number {
    return guardian % this.counts.students;
  }

  /** The guardians of a day-1 student; students who arrive later have none. */
  guardiansOfStudent(student: number): number[] {
    const guardians: number[] = [];
    if (student >= this.counts.students) return guardians;
    for (let guardian = student; guardian < this.counts.guardians; guardian += this.counts.students) {
      guardians.push(guardian);
    }
    return guardians;
  }

  /** How many teachers of a school also work in the next school. */
  private sharedTeacherCount(school: number): number {
    const teachers = (this.teacherStart[school + 1] as number) - (this.teacherStart[school] as number);
    return teachers >= 3 ? Math.floor((teachers - 3) / 7) + 1 : 0;
  }

  private sectionsOfPeriod(school: number, period: number): number {
    const periods = this.periodsOfSchool(school);
    return Math.ceil((this.classCountOfSchool(school) - period) / periods);
  }

  private periodShift(school: number, period: number, sections: number): number {
    return hashNumbers(this.seedHash, salt.periodShift, school, period) % sections;
  }
}

/**
 * Splits `total` items into contiguous ranges, one per weight, each with at least one item. Returns the
 * start of each range plus the end (`weights.length + 1` entries).
 */
function splitByWeights(total: number, weights: number[]): number[] {
  const sum = weights.reduce((accumulated, weight) => accumulated + weight, 0);
  const spare = total - weights.length;
  const starts = [0];
  let cumulative = 0;
  for (let index = 0; index < weights.length; index++) {
    cumulative += weights[index] as number;
    starts.push(index + 1 + Math.round((spare * cumulative) / sum));
  }
  starts[weights.length] = total;
  return starts;
}

/** The index of the range of `starts` that holds `value` (binary search). */
function findRange(starts: number[], value: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
