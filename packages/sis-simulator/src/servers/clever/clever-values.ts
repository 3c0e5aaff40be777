import { createHash } from 'node:crypto';

/** CEDS grade codes (our normalized form) → Clever's grade enum. */
const cleverGradeByCode: Record<string, string> = {
  IT: 'InfantToddler',
  PR: 'Preschool',
  PK: 'PreKindergarten',
  TK: 'TransitionalKindergarten',
  KG: 'Kindergarten',
  PS: 'PostGraduate',
  UG: 'Ungraded',
  Other: 'Other',
};

/** `KG` → `Kindergarten`, `09` → `9`; anything Clever has no word for → `Other`. */
export function cleverGrade(code: string | undefined): string | null {
  if (code === undefined) return null;
  if (/^\d{2}$/.test(code)) {
    const number = Number(code);
    if (number >= 1 && number <= 13) return String(number);
  }
  return cleverGradeByCode[code] ?? 'Other';
}

/** Grade order, for a school's `low_grade`/`high_grade`. */
export function gradeRank(code: string): number {
  const order = ['IT', 'PR', 'PK', 'TK', 'KG'];
  const named = order.indexOf(code);
  if (named !== -1) return named - order.length;
  return /^\d{2}$/.test(code) ? Number(code) : 100;
}

const subjectKeywords: Array<[RegExp, string]> = [
  [/homeroom|advisory/i, 'homeroom/advisory'],
  [/math|algebra|geometry|calculus|statistic/i, 'math'],
  [/english|reading|writing|literature|language arts|ela/i, 'english/language arts'],
  [/science|biology|chemistry|physics|earth/i, 'science'],
  [/social|history|geography|civics|government|economics/i, 'social studies'],
  [/spanish|french|german|chinese|mandarin|latin|japanese|world language/i, 'language'],
  [/physical|health|\bpe\b|fitness/i, 'PE and health'],
  [/art|music|band|choir|theat|drama/i, 'arts and music'],
  [/computer|technology|engineering|coding|robotics/i, 'technology and engineering'],
  [/intervention|online/i, 'interventions/online learning'],
];

/** A free-text subject → Clever's subject enum. */
export function cleverSubject(subject: string | undefined): string | null {
  if (subject === undefined) return null;
  for (const [pattern, value] of subjectKeywords) if (pattern.test(subject)) return value;
  return 'other';
}

/** Stable pseudo-random bytes from an id, for fields the roster model has no value for (dob, gender). */
function idBytes(id: string): Buffer {
  return createHash('sha256').update(id).digest();
}

/**
 * A date of birth as Clever writes it (`M/D/YYYY`), consistent with the student's grade: a student in
 * grade G in the school year ending in Y was born in Y - G - 6.
 */
export function cleverDateOfBirth(id: string, gradeCode: string | undefined, schoolYearEnd: number): string {
  const bytes = idBytes(id);
  const rank = gradeCode === undefined ? 5 : Math.max(-2, Math.min(13, gradeRank(gradeCode)));
  const year = schoolYearEnd - rank - 6 - (bytes[0]! % 2);
  const month = (bytes[1]! % 12) + 1;
  const day = (bytes[2]! % 28) + 1;
  return `${month}/${day}/${year}`;
}

/** `M`, `F` or `X`, stable per id. */
export function cleverGender(id: string): string {
  const value = idBytes(id)[3]! % 100;
  return value < 49 ? 'F' : value < 97 ? 'M' : 'X';
}

/** The year a student of this grade graduates (grade 12 in the school year ending in `schoolYearEnd`). */
export function cleverGraduationYear(gradeCode: string | undefined, schoolYearEnd: number): string | null {
  if (gradeCode === undefined) return null;
  const rank = gradeRank(gradeCode);
  if (rank > 13) return null;
  return String(schoolYearEnd + (12 - Math.max(0, rank)));
}
