import type { AcademicSessionInput } from '@aivo/connector-sdk';
import type { CleverTerm } from './clever-api-schemas.js';

/**
 * Clever terms carry no type. A name that says "semester" or "school year"/"full year" is taken at its
 * word; everything else is a `term`.
 */
function termType(name: string | null | undefined): 'term' | 'semester' | 'schoolYear' {
  if (!name) return 'term';
  if (/semester/i.test(name)) return 'semester';
  if (/(school|full)[\s-]*year/i.test(name)) return 'schoolYear';
  return 'term';
}

/** Maps a Clever term to an academic session; `schoolYear` is the year the term ends. */
export function mapCleverTerm(term: CleverTerm): AcademicSessionInput {
  const endYear = term.end_date ? /^(\d{4})/.exec(term.end_date)?.[1] : undefined;
  return {
    sourcedId: term.id,
    status: 'active',
    dateLastModified: term.last_modified ?? undefined,
    // A term without a name still needs a title; its dates describe it best.
    title: term.name || [term.start_date, term.end_date].filter(Boolean).join(' – ') || term.id,
    type: termType(term.name),
    startDate: term.start_date ?? undefined,
    endDate: term.end_date ?? undefined,
    schoolYear: endYear,
    raw: term,
  };
}
