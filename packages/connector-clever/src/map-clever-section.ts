import type { RosterClassInput } from '@aivo/connector-sdk';
import type { CleverSection } from './clever-api-schemas.js';

/**
 * Maps a Clever section to a class: its term, course, school, subject, grade and period. Sections whose
 * subject is `homeroom/advisory` are homerooms; all others are scheduled classes.
 */
export function mapCleverSection(section: CleverSection): RosterClassInput {
  return {
    sourcedId: section.id,
    status: 'active',
    dateLastModified: section.last_modified ?? undefined,
    title: section.name || section.section_number || section.sis_id || section.id,
    classCode: section.section_number || section.sis_id || undefined,
    classType: section.subject === 'homeroom/advisory' ? 'homeroom' : 'scheduled',
    grades: section.grade ? [section.grade] : [],
    subjects: section.subject ? [section.subject] : [],
    subjectCodes: [],
    periods: section.period ? [section.period] : [],
    courseSourcedId: section.course ?? undefined,
    schoolSourcedId: section.school ?? '',
    termSourcedIds: section.term_id ? [section.term_id] : [],
    raw: section,
  };
}
