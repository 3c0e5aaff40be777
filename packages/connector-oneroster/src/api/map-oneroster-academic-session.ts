import type { OneRosterAcademicSessionJson } from './oneroster-api-schemas.js';

/** OneRoster academicSession JSON (also from `/terms`, `/gradingPeriods`) → the SDK's input. */
export function mapOneRosterAcademicSession(session: OneRosterAcademicSessionJson): Record<string, unknown> {
  return {
    sourcedId: session.sourcedId,
    status: session.status,
    dateLastModified: session.dateLastModified,
    title: session.title,
    type: session.type,
    startDate: session.startDate,
    endDate: session.endDate,
    parentSourcedId: session.parent ?? undefined,
    // Some servers send the school year as a number.
    schoolYear: typeof session.schoolYear === 'number' ? String(session.schoolYear) : session.schoolYear,
  };
}
