/** The named district sizes. */
export type DistrictSizeName = 'tiny' | 'small' | 'medium' | 'large';

/** How many of each thing the district has on day 1. */
export interface DistrictCounts {
  schools: number;
  students: number;
  teachers: number;
  classes: number;
  administrators: number;
  aides: number;
  guardians: number;
  /** District-wide course catalog size. */
  courses: number;
}

/** Explicit counts as callers give them: `courses` may be left out (derived from `classes`). */
export type DistrictCountsInput = Omit<DistrictCounts, 'courses'> & { courses?: number };

/** The counts of each named size. `large` matches issue 3: 60 schools, 100,000 students, 25,000 classes. */
export const districtSizes: Readonly<Record<DistrictSizeName, Readonly<DistrictCounts>>> = {
  tiny: {
    schools: 2,
    students: 20,
    teachers: 6,
    classes: 16,
    administrators: 3,
    aides: 2,
    guardians: 14,
    courses: 8,
  },
  small: {
    schools: 2,
    students: 1_000,
    teachers: 50,
    classes: 250,
    administrators: 4,
    aides: 6,
    guardians: 800,
    courses: 40,
  },
  medium: {
    schools: 10,
    students: 10_000,
    teachers: 420,
    classes: 2_500,
    administrators: 14,
    aides: 40,
    guardians: 8_000,
    courses: 120,
  },
  large: {
    schools: 60,
    students: 100_000,
    teachers: 4_000,
    classes: 25_000,
    administrators: 70,
    aides: 300,
    guardians: 80_000,
    courses: 300,
  },
};

/** True for the names of {@link districtSizes}. */
export function isDistrictSizeName(value: string): value is DistrictSizeName {
  return Object.hasOwn(districtSizes, value);
}

/**
 * Turns a size name or explicit counts into checked counts. Throws a `RangeError` that names the bad
 * count and what it must be.
 */
export function resolveDistrictCounts(size: DistrictSizeName | DistrictCountsInput): DistrictCounts {
  if (typeof size === 'string') {
    if (!isDistrictSizeName(size)) {
      throw new RangeError(
        `Unknown district size "${size}": use one of ${Object.keys(districtSizes).join(', ')} or explicit counts.`,
      );
    }
    return { ...districtSizes[size] };
  }
  const counts: DistrictCounts = {
    ...size,
    courses: size.courses ?? Math.max(3, Math.min(300, Math.ceil(size.classes / 20))),
  };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`District count "${name}" must be a whole number of 0 or more (got ${value}).`);
    }
  }
  const atLeastPerSchool = ['students', 'teachers', 'classes'] as const;
  if (counts.schools < 1) throw new RangeError('District count "schools" must be at least 1.');
  for (const name of atLeastPerSchool) {
    if (counts[name] < counts.schools) {
      throw new RangeError(
        `District count "${name}" (${counts[name]}) must be at least the number of schools (${counts.schools}).`,
      );
    }
  }
  if (counts.courses < 1) throw new RangeError('District count "courses" must be at least 1.');
  if (counts.administrators < 1) {
    throw new RangeError('District count "administrators" must be at least 1 (the district administrator).');
  }
  return counts;
}
